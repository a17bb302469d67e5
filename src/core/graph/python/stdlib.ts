// Top-level standard-library module names of CPython 3.8 to 3.13 (the union of
// sys.stdlib_module_names across those versions, plus modules removed in between:
// binhex, formatter, parser, symbol, dummy_threading, distutils, imp, asyncore, ...).
// A name in this set is 'builtin' for every supported version: a project that targets an
// older Python may still import a module a newer one removed.
const NAMES = `
  __future__ __main__ _abc _aix_support _apple_support _ast _asyncio _bisect _blake2 _bootlocale
  _bootsubprocess _bz2 _codecs _codecs_cn _codecs_hk _codecs_iso2022 _codecs_jp _codecs_kr
  _codecs_tw _collections _collections_abc _colorize _compat_pickle _compression _contextvars
  _crypt _csv _ctypes _curses _curses_panel _datetime _dbm _decimal _dummy_thread _elementtree
  _frozen_importlib _frozen_importlib_external _functools _gdbm _hashlib _heapq _imp
  _interpchannels _interpqueues _interpreters _io _ios_support _json _locale _lsprof _lzma
  _markupbase _md5 _msi _multibytecodec _multiprocessing _opcode _opcode_metadata _operator
  _osx_support _overlapped _pickle _posixshmem _posixsubprocess _py_abc _pydatetime _pydecimal
  _pyio _pylong _pyrepl _queue _random _scproxy _sha1 _sha2 _sha256 _sha3 _sha512 _signal
  _sitebuiltins _socket _sqlite3 _sre _ssl _stat _statistics _string _strptime _struct
  _suggestions _symtable _sysconfig _testcapi _testinternalcapi _thread _threading_local
  _tkinter _tokenize _tracemalloc _typing _uuid _warnings _weakref _weakrefset _winapi _wmi
  _xxinterpchannels _xxsubinterpreters _zoneinfo abc aifc antigravity argparse array ast
  asynchat asyncio asyncore atexit audioop base64 bdb binascii binhex bisect builtins bz2
  cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall
  concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses
  dataclasses datetime dbm decimal difflib dis distutils doctest dummy_threading email encodings
  ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch formatter fractions ftplib
  functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html
  http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3
  linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib
  msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse
  os ossaudiodev parser pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib
  posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue
  quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors
  shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3
  sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess
  sunau symbol symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios
  textwrap this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc
  tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave
  weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib
  zoneinfo
`;

export const PYTHON_STDLIB: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));

/** Modules that exist only in some of 3.8..3.13 (for messages and notices). */
export const STDLIB_REMOVED: Readonly<Record<string, string>> = {
  binhex: 'removed in 3.11',
  formatter: 'removed in 3.10',
  parser: 'removed in 3.10',
  symbol: 'removed in 3.10',
  dummy_threading: 'removed in 3.9',
  asynchat: 'removed in 3.12',
  asyncore: 'removed in 3.12',
  distutils: 'removed in 3.12',
  imp: 'removed in 3.12',
  smtpd: 'removed in 3.12',
  aifc: 'removed in 3.13',
  audioop: 'removed in 3.13',
  cgi: 'removed in 3.13',
  cgitb: 'removed in 3.13',
  chunk: 'removed in 3.13',
  crypt: 'removed in 3.13',
  imghdr: 'removed in 3.13',
  mailcap: 'removed in 3.13',
  msilib: 'removed in 3.13',
  nis: 'removed in 3.13',
  nntplib: 'removed in 3.13',
  ossaudiodev: 'removed in 3.13',
  pipes: 'removed in 3.13',
  sndhdr: 'removed in 3.13',
  spwd: 'removed in 3.13',
  sunau: 'removed in 3.13',
  telnetlib: 'removed in 3.13',
  uu: 'removed in 3.13',
  xdrlib: 'removed in 3.13',
  lib2to3: 'removed in 3.13',
  graphlib: 'added in 3.9',
  zoneinfo: 'added in 3.9',
  tomllib: 'added in 3.11',
};

export function isStdlibModule(topLevel: string): boolean {
  return PYTHON_STDLIB.has(topLevel);
}
