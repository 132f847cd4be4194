"""`make bench`: the voice benchmark (latency, thinking pauses, concurrency sweep) into bench/results.

python -m bench [voice] [ARGS]   # bench/voice_latency.py, e.g. --sweep-only or --no-sweep
python -m bench skillspan [ARGS] # bench/skillspan_eval.py (needs the SkillSpan data)
"""

from __future__ import annotations

import runpy
import sys

MODULES = {"voice": "bench.voice_latency", "skillspan": "bench.skillspan_eval"}


def main() -> None:
    args = sys.argv[1:]
    name = args.pop(0) if args and args[0] in MODULES else "voice"
    sys.argv = [MODULES[name], *args]
    runpy.run_module(MODULES[name], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
