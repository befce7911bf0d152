import { ruleTester, text } from '../tester';

const contract = text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  owner: "@acme/payments"
  type: service
`;

/** A postmortem whose one action is due on `due` (TODAY is 2026-11-01), with `extra` lines on the action. */
const postmortem = (due: string, extra = '') => text`
  ---
  kind: postmortem
  date: 2026-08-14
  title: Checkout timeouts during the summer sale
  severity: sev2
  modules: [payments-api]
  actions:
    - title: Add a circuit breaker around fraud scoring
      owner: "@acme/payments"
      due: ${due}${extra}
  ---

  # What happened

  Card authorisations timed out for 40 minutes while fraud scoring was slow.
`;

ruleTester('learning/overdue-action', {
  valid: [
    {
      name: 'an action due in the future',
      files: { 'services/payments/service-contract.yaml': contract, 'docs/postmortems/2026-08-14-checkout.md': postmortem('2026-12-15') },
    },
    {
      name: 'an action due today is not overdue yet',
      files: { 'services/payments/service-contract.yaml': contract, 'docs/postmortems/2026-08-14-checkout.md': postmortem('2026-11-01') },
    },
    {
      name: 'a past action that is done',
      files: { 'services/payments/service-contract.yaml': contract, 'docs/postmortems/2026-08-14-checkout.md': postmortem('2026-09-30', '\n      done: true') },
    },
    {
      name: 'an action without a due date',
      files: {
        'docs/postmortems/2026-08-14-checkout.md': text`
          ---
          kind: review
          date: 2026-08-14
          title: Architecture review of payments
          actions:
            - title: Write down the retry policy
          ---
        `,
      },
    },
    {
      name: 'a Markdown file outside the learning folders is no note',
      files: { 'docs/notes/2026-08-14-checkout.md': postmortem('2026-09-30') },
    },
    {
      name: 'the folder\'s README and a template are no notes',
      files: { 'docs/postmortems/README.md': postmortem('2026-09-30'), 'docs/postmortems/_template.md': postmortem('2026-09-30') },
    },
  ],
  invalid: [
    {
      name: 'an open action past its due date, at its due value',
      files: { 'services/payments/service-contract.yaml': contract, 'docs/postmortems/2026-08-14-checkout.md': postmortem('2026-09-30') },
      errors: [
        {
          message: 'Action "Add a circuit breaker around fraud scoring" of the postmortem "Checkout timeouts during the summer sale" (2026-08-14), owned by @acme/payments, was due on 2026-09-30, 32 days ago',
          file: 'docs/postmortems/2026-08-14-checkout.md',
          line: 10,
          column: 10,
          endLine: 10,
          endColumn: 20,
          module: 'payments-api',
        },
      ],
    },
    {
      name: 'done: false is not done, and a note naming no module has none',
      files: { 'docs/postmortems/2026-08-14-checkout.md': postmortem('2026-10-31', '\n      done: false') },
      errors: [{ message: 'was due on 2026-10-31, 1 day ago', file: 'docs/postmortems/2026-08-14-checkout.md', line: 10, column: 10, module: null }],
    },
    {
      name: 'a note in a folder .northstar.yaml configures, in a subfolder, with Windows line ends',
      files: {
        '.northstar.yaml': 'learning:\n  folders: [docs/reviews]\n',
        'docs/reviews/2026/q3-demo.md': '---\r\nkind: demo\r\ndate: 2026-09-02\r\ntitle: Instant refunds demo\r\nactions:\r\n  - title: Publish the recording\r\n    due: 2026-09-09\r\n---\r\nNotes.\r\n',
        // Not a note any more: the configured folders replace the default.
        'docs/postmortems/2026-08-14-checkout.md': postmortem('2026-09-30'),
      },
      errors: [
        {
          message: 'Action "Publish the recording" of the demo "Instant refunds demo" (2026-09-02) has no owner and was due on 2026-09-09, 53 days ago',
          file: 'docs/reviews/2026/q3-demo.md',
          line: 7,
          column: 10,
          endColumn: 20,
        },
      ],
    },
    {
      name: 'today from .northstar.yaml decides, not the clock',
      files: { '.northstar.yaml': 'today: 2027-01-10\n', 'docs/postmortems/2026-08-14-checkout.md': postmortem('2026-12-15') },
      options: { today: undefined },
      errors: [{ message: 'was due on 2026-12-15, 26 days ago', file: 'docs/postmortems/2026-08-14-checkout.md', line: 10, column: 10 }],
    },
  ],
});
