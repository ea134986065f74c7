"""Matching needs to achievements and back: retrieval in Elasticsearch, re-ranking in Python.

    match_need(need, limit=10)            -> list[Match] of achievements
    match_achievement(achievement, ...)   -> list[Match] of needs and challenges
    match_challenge(challenge, limit=5)   -> list[Match] of achievements for a challenges.Challenge

Each Match carries a score in [0, 1] and `why`: human-readable reasons whose cited terms occur in
both listings (see explain.py).
"""

from .engine import Match, match_achievement, match_challenge, match_need, matches_for

__all__ = ["Match", "match_achievement", "match_challenge", "match_need", "matches_for"]
