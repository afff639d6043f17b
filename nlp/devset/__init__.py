"""The labelled development set: a seeded generator over hand-written phrase banks
(data/eval/phrases/) that writes data/eval/dev.jsonl (tuning) and data/eval/heldout.jsonl
(held back). Run `python -m nlp.devset.generate`."""
