"""What `dockharden verify` runs: the steps as data, the one seam to the Docker Engine
(engine.py), the runner that starts a container and records what it saw (an Observation),
and pure readers of what the container printed. Judging it is checks.verify's job."""
