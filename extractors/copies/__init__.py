"""Copies of one article across languages, found over a whole output (issue 21).

A corpus-level view, never part of a record (a record stays a function of its own bytes):
`profile` reads what survives translation from a written record, `candidates` finds the
pairs worth scoring (rare shared stems, a fixed number per article), `pairs` scores two
profiles, `grouping` joins accepted pairs into groups, `siblings` says what each copy lacks
against the others. Pure: no file I/O, no Prefect; flows/store/copies.py reads OUT and
writes the results.
"""
