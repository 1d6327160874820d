/**
 * The C library through the FFM API, for the packages that talk to the kernel: the data path's
 * raw sockets and interface lookups, and the serial console's termios line. Every call captures
 * errno; {@link macserver.libc.Errno} names the values.
 */
package macserver.libc;
