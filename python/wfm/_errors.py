"""Exceptions raised by wfm: the C++ library's errors, with the same messages."""


class Error(Exception):
    """Root of every wfm error; ``exit_code`` is the code the ``wfm`` CLI exits with."""

    def __init__(self, message, exit_code=1, **attrs):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        for name, value in attrs.items():
            setattr(self, name, value)

    def __reduce__(self):  # picklable across Dask workers, attributes included
        attrs = {k: v for k, v in self.__dict__.items() if k not in ("message", "exit_code")}
        return (_rebuild, (type(self), self.message, self.exit_code, attrs))


def _rebuild(cls, message, exit_code, attrs):
    return cls(message, exit_code, **attrs)


class InvalidArgument(Error, ValueError):
    """A value out of its domain (``field`` names the member when known)."""

    field = ""


class ConfigError(Error, ValueError):
    """A configuration (dict / JSON) is not what was expected; ``json_path`` is a JSON pointer."""

    json_path = ""


class ParseError(Error, ValueError):
    """Malformed input table; ``path``, ``line``, ``column`` and ``field`` locate it."""

    path = ""
    line = 0
    column = 0
    field = ""
