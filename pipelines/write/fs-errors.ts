/**
 * Plain words for the file-system errors a user can fix (disk full, permissions, a mount point, a dangling link),
 * so they end as one `error:` line instead of a stack trace. Node reports them as `code` on the error; DuckDB
 * reports a failed write in its message only ("IO Error: ... No space left on device").
 */

const MESSAGES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device; free some space or choose a folder on another disk',
  EDQUOT: 'disk quota exceeded; free some space or choose a folder on another disk',
  EBUSY: 'the folder is a mount point or in use, so it cannot be renamed or removed; choose a folder inside it',
  ENOTDIR: 'a part of the path is a file (or a symbolic link to one), not a folder',
  EEXIST: 'a file is in the way where a folder is needed',
  ENOENT: 'no such file or folder (a symbolic link whose target is gone?)',
  ELOOP: 'too many levels of symbolic links (a link that points to itself?)',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'input/output error from the device',
  EMFILE: 'too many open files; raise the limit (ulimit -n)',
};

const DUCKDB_MESSAGE_CODES: readonly (readonly [RegExp, string])[] = [
  [/No space left on device/i, 'ENOSPC'],
  [/Disk quota exceeded/i, 'EDQUOT'],
  [/Read-only file system/i, 'EROFS'],
  [/Permission denied/i, 'EACCES'],
];

/** The errno code of a file-system error this module can explain, or null (then it is a bug, not the user's). */
export function knownFsErrorCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') return Object.hasOwn(MESSAGES, code) ? code : null;
  return DUCKDB_MESSAGE_CODES.find(([pattern]) => pattern.test(error.message))?.[1] ?? null;
}

/** The reason in plain words; the original message for anything not in the table. */
export function describeFsError(error: unknown): string {
  const code = knownFsErrorCode(error);
  if (code !== null) return MESSAGES[code]!;
  return error instanceof Error ? error.message : String(error);
}
