"""Revisions of published records: a proposed change waits beside the live version for a publisher.

- `graph`: which models are live content (publishable, or hanging off a publishable one), from the model graph;
- `states`: a record's state as JSON;
- `capture`: what a write changes, recorded while it runs inside a savepoint;
- `review`: run a write or keep it as a proposal; approve or reject a proposal;
- `diff`: the field-by-field comparison a publisher reads.
"""
