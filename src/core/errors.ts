// The one place that turns an exception met on valid-but-unusual input into words: a file the
// user running shipset may not read (EACCES/EPERM), a file too large to hold as a string, code
// nested or spread so far that a recursive library runs out of stack. Each becomes a finding
// (the engines record it as the file's parse failure) or one clear line naming the file and the
// fix (a UsageError, exit code 2), never "internal error", which is kept for shipset's own bugs.
import { UsageError } from './types.js';

type ErrnoError = NodeJS.ErrnoException;

const FS_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file',
  ENOTDIR: 'a folder on the way is a file',
  EISDIR: 'is a folder',
  ELOOP: 'symlink loop',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ERR_FS_FILE_TOO_LARGE: 'file too large to read (over 2 GiB)',
};

/** Node's errno code of `error` ('EACCES'), or undefined for anything else. */
export function fsErrorCode(error: unknown): string | undefined {
  const code = (error as ErrnoError | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * "EACCES: permission denied": the cause of a file-system error as Node spells it, without the
 * absolute path Node puts in its message (the caller names the file relative to the root).
 */
export function describeFsError(error: unknown): string {
  const code = fsErrorCode(error);
  if (code && FS_WORDS[code]) return `${code}: ${FS_WORDS[code]}`;
  if (isTooLarge(error)) return 'file too large to hold in memory';
  if (code) return code;
  return String((error as Error)?.message ?? error).replace(/, (open|read|stat|lstat|scandir) '.*'$/, '');
}

/** A file-system error that only the environment can cause: permissions, limits, I/O. */
export function isFsError(error: unknown): boolean {
  const code = fsErrorCode(error);
  return !!code && (code in FS_WORDS || /^E[A-Z]+$/.test(code));
}

/**
 * V8's "Maximum call stack size exceeded": code nested (or spread) deeper than a recursive walk goes.
 * By name, not instanceof: a library loaded in another realm (a vm context) throws its own RangeError.
 */
export function isStackOverflow(error: unknown): boolean {
  return isRangeError(error) && /call stack/i.test((error as Error).message);
}

function isRangeError(error: unknown): boolean {
  return error instanceof RangeError || (error as Error | undefined)?.name === 'RangeError';
}

/** A file or output larger than Node can hold as one Buffer or string. */
export function isTooLarge(error: unknown): boolean {
  const code = fsErrorCode(error);
  if (code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG' || code === 'EFBIG') return true;
  return isRangeError(error) && /Invalid string length|Array buffer allocation failed|Invalid typed array length/i.test((error as Error).message);
}

/** The fix for a file that cannot be read, by cause. */
export function readFix(error: unknown, rel: string): string {
  const code = fsErrorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return `make it readable by the user running shipset (chmod a+r ${rel}), or stop shipping it`;
  if (isTooLarge(error)) return `shipset does not read files that large; remove it, or exclude it`;
  return `make it a readable regular file, or stop shipping it`;
}

/**
 * One clear line for an exception that escaped the pipeline but is the environment's or the
 * input's doing, not shipset's: a UsageError to print (exit 2), or undefined for a real bug.
 * `path` in Node's fs errors is absolute; it is shown as given, since the user needs to find it.
 */
export function classifyError(error: unknown): UsageError | undefined {
  if (error instanceof UsageError) return error;
  if (isStackOverflow(error)) {
    return new UsageError(
      'the project nests deeper (or spreads wider) than shipset can follow: a file holds an expression or an import chain beyond the stack of a recursive parser. Flatten the deepest expression, or split the generated file.',
    );
  }
  if (isTooLarge(error)) {
    const file = (error as ErrnoError).path;
    if (file)
      return new UsageError(
        `${file}: too large: more than Node can hold as one string or buffer (${(error as Error).message}). Exclude the file, or split it.`,
      );
    return new UsageError(
      `the project is too large for one output: more than Node can hold as one string or buffer (${(error as Error).message}). Check a smaller part of it (fewer entries), or exclude generated files.`,
    );
  }
  if (hasNulByte(error)) {
    // Node refuses a path holding a NUL byte before the file system sees it (no file name can hold one).
    const shown = /Received (.*)$/s.exec((error as Error).message)?.[1]?.replace(/\.$/, '') ?? 'a path';
    return new UsageError(
      `${shown}: holds a NUL byte, which no file name can. Remove it from the path (in the config, package.json or the flag that names it).`,
    );
  }
  if (isFsError(error)) {
    const e = error as ErrnoError;
    const file = e.path ?? 'a file';
    return new UsageError(`${file}: cannot be read (${describeFsError(e)}): ${readFix(e, file)}.`);
  }
  return undefined;
}

/** Node's refusal of a path that holds a NUL byte (ERR_INVALID_ARG_VALUE / ERR_INVALID_ARG_TYPE). */
function hasNulByte(error: unknown): boolean {
  const code = fsErrorCode(error);
  return (code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_ARG_TYPE') && /null bytes/i.test(String((error as Error).message));
}
