"""What gevent makes of each value in a list of cases, for a side-by-side
comparison with gevent-settings (tests/divergences.rs reads the output).

    python -m venv venv && venv/bin/pip install gevent==24.11.1 cffi dnspython
    venv/bin/python gevent_values.py > gevent-values.jsonl

Each case is a setting and a value, given either in the setting's
environment variable (a fresh process per case, whose environment holds no
other GEVENT variable, reading gevent.config as gevent does) or in code
(`Config().set(setting, value)` on a fresh Config). "unset" reads a
setting whose variable is not set: its default.

One JSON object per line: {"setting", "given": "env"|"set"|"unset",
"value", "gevent": {"ok": result} or {"error": "ExceptionType: message"}}.
A result is JSON where it can be; a class or function is {"object":
"module.qualname"}, a float that is not finite {"float": repr}, and an
integer beyond 64 bits {"int": "digits"}.
"""
import json
import math
import os
import subprocess
import sys
import warnings

FLOATS = ["1.5", " 2 ", "1e-2", "0", "-1", "-0", "nan", "-nan", "inf", "-Infinity", "1e309", "", "1_0.5",
          "\uff11.\uff15", "\u0663", "+1.5", "0x10", "fast", "1,5"]
BOOLS = ["1", "true", "on", "yes", "TRUE", " Yes ", "oN\t", "0", "false", "off", "no", "", "  ", "NO", "2", "y",
         "enable", "\uff59\uff45\uff53"]
STRINGS = [" 0x1,ARES ", ""]
LISTS = ["select,poll", "", "a,,b,", " a "]

ENV = {
    "max_blocking_time": FLOATS,
    "memory_monitor_period": FLOATS,
    "resolver_timeout": FLOATS,
    "threadpool_idle_task_timeout": FLOATS + ["-2", "7.5"],
    "trace_malloc": ["25", "", "0", "-3", "+3", " 7 ", "1_000", "\uff12\uff15", "99999999999999999999999",
                     "9223372036854775807", "9223372036854775808", "1.5", "many", "0x10", "1e3", " 7", "65535", "65536"],
    "max_memory_usage": ["100", "5kb", "5KB", "3mb", "2Gb", "5 kb", "1_000", "", "0", "-1kb", "5xb", "1.5mb", "kb",
                         "\uff12kb", "18446744073709551615", "18446744073709551616", "17179869184gb", " 5 ", "5kb ",
                         "+5kb", "0x10"],
    "disable_watch_children": BOOLS,
    "monitor_thread": BOOLS,
    "track_greenlet_tree": BOOLS,
    "libev_backend": LISTS,
    "resolver_nameservers": LISTS,
    "ares_servers": ["8.8.8.8,8.8.4.4", ""],
    "ares_flags": STRINGS, "ares_timeout": STRINGS, "ares_tries": STRINGS, "ares_ndots": STRINGS,
    "ares_udp_port": STRINGS, "ares_tcp_port": STRINGS,
    "resolver": ["ares", "thread", "block", "dnspython", "nonexistent.Resolver,block", ",block,", "block,", "",
                 "Block", "block ", "/abs/path.Resolver", "os.getcwd", "gevent.resolver.blocking",
                 "gevent.resolver_thread.Resolver", "gevent.resolver_ares.Resolver",
                 "gevent.resolver.blocking.Resolver"],
    "loop": ["libuv", "libev-cext", "libev-cffi", "libuv-cffi", "libuv,libev-cext", "bogus", "gevent.core.loop"],
    "fileobject": ["thread", "posix", "block", "gevent.fileobject.FileObject", "gevent.fileobject.FileObjectThread",
                   "gevent.fileobject.FileObjectPosix", "gevent.fileobject.FileObjectBlock"],
    "threadpool": ["gevent.threadpool.ThreadPool", "thread"],
    "format_context": ["pprint.pformat", "pprint.saferepr", "repr", "builtins.repr"],
}

SET = {
    "max_blocking_time": [0, 0.5, "", None, "0.5", -1, True, "nan"],
    "threadpool_idle_task_timeout": [-1, 0, ""],
    "trace_malloc": [1.5, "1.5", 3, "", True, None, 0],
    "max_memory_usage": [1.5, True, 1024, "64mb", "", None, 0],
    "monitor_thread": [2, "yes", 0, "", None, ["x"], 1.5],
    "libev_backend": [1.5, "a,b", ["a", "b"], None, True],
    "resolver": [["ares", "block"], "block", "", [], None, 5],
    "resolver_nameservers": [1.0, "a,b", None],
    "ares_flags": [5, ["x"], None],
    "fileobject": ["", "thread"],
}


def encode(value):
    if isinstance(value, float) and not math.isfinite(value):
        return {"float": repr(value)}
    if isinstance(value, int) and not isinstance(value, bool) and not -2**63 <= value < 2**64:
        return {"int": str(value)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    return {"object": "%s.%s" % (value.__module__, value.__qualname__)}


def outcome(get):
    try:
        return {"ok": encode(get())}
    except Exception as e:  # gevent raises ValueError, ImportError, TypeError...
        return {"error": "%s: %s" % (type(e).__name__, e)}


def read_one(setting):
    """In a child process: the setting from gevent.config, on stdout."""
    warnings.simplefilter("ignore")
    def get():
        from gevent import config
        return getattr(config, setting)
    json.dump(outcome(get), sys.stdout)


def from_env(setting, variable, value):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEVENT", "PYTHONTRACEMALLOC"))}
    if value is not None:
        env[variable] = value
    child = subprocess.run([sys.executable, __file__, "--read", setting], env=env, capture_output=True, text=True)
    if child.returncode != 0:  # Python refused to start, or gevent failed on import
        lines = child.stderr.strip().splitlines()
        return {"error": next((line for line in lines if line.startswith("Fatal Python error")), lines[-1])}
    return json.loads(child.stdout)


def main():
    if sys.argv[1:2] == ["--read"]:
        read_one(sys.argv[2])
        return
    warnings.simplefilter("ignore")
    from gevent._config import Config
    settings = Config().settings
    for setting, kind in settings.items():
        print(json.dumps({"setting": setting, "given": "unset", "value": None,
                          "gevent": from_env(setting, kind.environment_key, None)}))
    for setting, values in ENV.items():
        variable = settings[setting].environment_key
        for value in values:
            print(json.dumps({"setting": setting, "given": "env", "value": value,
                              "gevent": from_env(setting, variable, value)}), flush=True)
    for setting, values in SET.items():
        for value in values:
            config = Config()
            def get():
                config.set(setting, value)
                return getattr(config, setting)
            print(json.dumps({"setting": setting, "given": "set", "value": value, "gevent": outcome(get)}))


if __name__ == "__main__":
    main()
