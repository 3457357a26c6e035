"""The shared vocabulary and plumbing: records, settings, config files, outside programs."""
