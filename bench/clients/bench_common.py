"""What the Python client drivers share (the twin of common.ts): the task
from argv[1], the result printed as the last stdout line, the deterministic
content of the small objects, and the sample check done after the clock
stops. Each driver runs in its own process, so the peak RSS is its own."""
import json
import resource
import sys
import time


def read_task():
    if len(sys.argv) < 2:
        sys.exit("usage: python bench/clients/<client>.py '<task JSON>'")
    return json.loads(sys.argv[1])


def small_key(prefix, i):
    return f"{prefix}{i:06d}"


def small_content(i, size):
    """`"<i>|"` repeated to `size` bytes, as smallContent() in common.ts."""
    unit = f"{i}|".encode("latin-1")
    return (unit * (size // len(unit) + 1))[:size]


def check_sample(task, bodies):
    mismatches = []
    verified = 0
    for i in task["sample"]:
        if bodies.get(i) == small_content(i, task["size"]):
            verified += 1
        else:
            mismatches.append(small_key(task["prefix"], i))
    return {"verified": verified, "mismatches": mismatches}


def report(result):
    # ru_maxrss is in KiB on Linux.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["maxRssKiB"] = usage.ru_maxrss
    result["cpuSeconds"] = usage.ru_utime + usage.ru_stime
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def now():
    return time.perf_counter()


def cpu():
    """CPU seconds (user + system, all threads) of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
