"""What dockharden knows about the world that several subjects need: shells, secrets, build
tools, healthcheck timings, image history text. Pure data and functions, no I/O."""
