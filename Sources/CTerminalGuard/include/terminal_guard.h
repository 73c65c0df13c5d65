#ifndef KODEX_TERMINAL_GUARD_H
#define KODEX_TERMINAL_GUARD_H

// The part of the full-screen terminal that signal handlers touch, written in C so
// that it holds only what POSIX allows there: `volatile sig_atomic_t` flags, a
// `termios` saved before any signal can arrive, `write` and `tcsetattr`. Swift
// globals are built lazily behind a lock, which a signal handler must never take.

/// Saves the terminal settings of standard input, switches it to raw mode and installs
/// the handlers: SIGINT, SIGTERM and SIGHUP set the termination flag; SIGWINCH wakes
/// `poll`; SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP restore the terminal
/// and die of the same signal. Returns 0, or -1 with `errno` set.
int kodex_terminal_enter_raw(void);

/// Puts the terminal back (attributes, cursor, bracketed paste, main screen) if raw
/// mode is active. Async-signal-safe.
void kodex_terminal_restore(void);

/// Whether a termination signal arrived or the input ended.
int kodex_terminal_termination_requested(void);

/// Records that the session must end, as a termination signal would.
void kodex_terminal_request_termination(void);

#endif
