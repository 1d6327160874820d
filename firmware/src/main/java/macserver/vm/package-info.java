/**
 * What the firmware needs to know about the Java VM it runs on (a JIT-compiling HotSpot on the ARM
 * boards and this host, the Zero interpreter on MIPS). A bottom layer: it needs no other package.
 */
package macserver.vm;
