"""Live session lifecycle and recording, shared by the companion and the agent worker."""
