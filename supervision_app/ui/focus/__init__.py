"""The focused supervision (issue 13): Home, Today, the agenda, the walk through it, the summary.

Each screen is its own module; :mod:`focus_flow` puts them into the session view."""
