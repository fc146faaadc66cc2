"""Performance benchmark: a large generated academy, page timings, and the report table.

generate.py builds the academy with bulk inserts, measure.py times pages against a bare
Django view, report.py prints the table. `python manage.py benchmark` runs all three on
a separate database; docs/performance.md has the results.
"""
