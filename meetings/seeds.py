"""The fixtures that make up a fresh archive, in loading order."""

REFERENCE_FIXTURES = ["countries", "reference"]

SEED_MEETING_FIXTURES = [
    "seed_2002_vii_rcm",
    "seed_2009_oas_ceam",
    "seed_2012_celac",
    "seed_2017_forum",
    "seed_2018_rcm_sacm",
]

SEED_FIXTURES = REFERENCE_FIXTURES + SEED_MEETING_FIXTURES
