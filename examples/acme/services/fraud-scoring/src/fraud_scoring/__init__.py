"""Real-time fraud scoring for checkout."""
