"""Read replicas: where read-only selectors read (issue 16). Filled by the replica work."""
