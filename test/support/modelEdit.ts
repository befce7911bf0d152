/**
 * What the partial model builds (build/contractEdit.ts, build/codeownersEdit.ts) are tested
 * with: build one workspace's model, then the model after an edit on the carry, and hold the
 * second to the model a build from nothing gives.
 */
import assert from 'node:assert/strict';
import type { TestMemo } from '../../src/core/build/assign';
import type { LastModel } from '../../src/core/build/contractEdit';
import { buildModel, type ModelCarry, type ModelInputs } from '../../src/core/build/model';
import type { Model, Module } from '../../src/core/model/types';
import type { TeamDirectory } from '../../src/core/model/teams';

const newMemo = (): TestMemo => ({ conventions: '', byFile: new Map() });
const pause = () => null;

/** The model a build from nothing gives. */
export async function freshModel(input: ModelInputs): Promise<Omit<Model, 'findings'>> {
  return (await buildModel(input, newMemo(), pause, {})).model;
}

/**
 * Build `first`, then ask `partial` whether it answers `next` from that build, and build `next`
 * on the carry: the same model as a build from nothing, whichever way it was made.
 */
export async function buildEdit(
  first: ModelInputs,
  next: ModelInputs,
  partial: (input: ModelInputs, last: LastModel, directory: TeamDirectory) => readonly Module[] | null,
) {
  const carry: ModelCarry = {};
  const memo = newMemo();
  const firstBuilt = await buildModel(first, memo, pause, carry);
  const answered = partial(next, carry.last!, carry.directory!.directory) !== null;
  const nextBuilt = await buildModel(next, memo, pause, carry);
  assert.deepEqual(nextBuilt.model, await freshModel(next), 'the same model as a build from nothing');
  const named = (model: Omit<Model, 'findings'>, name: string) => model.modules.find((m) => m.name === name);
  return { before: firstBuilt.model, after: nextBuilt.model, answered, named, sameDirectory: firstBuilt.directory === nextBuilt.directory };
}
