"""Live session events (captions, states, audio) fanned out to whoever is watching: coaches, the candidate's page."""
