"""Background work. The database row is the truth; a queue only carries job ids.

In-process by default; with REDIS_URL, arq (asyncio, Redis) workers, where queued work survives a restart.
"""
