#include "terminal_guard.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_settings;
static volatile sig_atomic_t raw_mode_active = 0;
static volatile sig_atomic_t termination_requested = 0;
static int exit_handler_installed = 0;

// Reset attributes, show the cursor, end bracketed paste, leave the alternate screen.
static const char leave_sequence[] = "\033[0m\033[?25h\033[?2004l\033[?1049l";

void kodex_terminal_restore(void) {
    if (!raw_mode_active) return;
    raw_mode_active = 0;
    ssize_t ignored = write(STDOUT_FILENO, leave_sequence, sizeof leave_sequence - 1);
    (void)ignored;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_settings);
}

static void on_termination(int number) {
    (void)number;
    termination_requested = 1;
}

static void on_resize(int number) { (void)number; }

static void on_fatal(int number) {
    kodex_terminal_restore();
    signal(number, SIG_DFL);
    raise(number);
}

static void on_exit_restore(void) { kodex_terminal_restore(); }

static void install(int number, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: a signal must wake the `poll` of the run loop.
    sigaction(number, &action, NULL);
}

int kodex_terminal_enter_raw(void) {
    struct termios raw;
    if (tcgetattr(STDIN_FILENO, &saved_settings) != 0) return -1;
    raw = saved_settings;
    raw.c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG | IEXTEN);
    raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | BRKINT | INPCK | ISTRIP);
    raw.c_oflag &= ~(tcflag_t)(OPOST);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) != 0) return -1;
    raw_mode_active = 1;
    if (!exit_handler_installed) {
        atexit(on_exit_restore);
        exit_handler_installed = 1;
    }
    install(SIGTERM, on_termination);
    install(SIGHUP, on_termination);
    install(SIGINT, on_termination);
    install(SIGWINCH, on_resize);
    install(SIGSEGV, on_fatal);
    install(SIGBUS, on_fatal);
    install(SIGILL, on_fatal);
    install(SIGFPE, on_fatal);
    install(SIGABRT, on_fatal);
    install(SIGTRAP, on_fatal);
    return 0;
}

int kodex_terminal_termination_requested(void) { return termination_requested != 0; }

void kodex_terminal_request_termination(void) { termination_requested = 1; }
