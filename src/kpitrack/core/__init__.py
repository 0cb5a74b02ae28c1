"""The ground floor: periods, problems and errors, numbers, a workspace's layout, explanation data.

Standard library only; every other part of kpitrack builds on it.
"""
