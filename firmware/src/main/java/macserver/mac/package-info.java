/** A 48-bit MAC address as the whole firmware prints it; needs nothing else of the firmware. */
package macserver.mac;
