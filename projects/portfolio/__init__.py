"""The CIO's and PMO's view of every project at once: selectors, pages, exports and the summary API."""
