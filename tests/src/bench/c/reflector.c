/*
 * The raw-socket baseline of make bench: the least work a program can do per frame on an
 * AF_PACKET socket, on the same veth the MAC server uses.
 *
 *   reflector reflect <if>        receive every frame, swap the Ethernet addresses, send it
 *                                 back; when no frame has come for 2 s after the first one
 *                                 (or after 120 s in all) print "reflected <frames>" and exit
 *   reflector count <if>          the same without sending back: the receive side alone, which
 *                                 is all a MAC server does with a frame it drops
 *   reflector blast <if> <dst-mac> <allow-base> <deny-base> <macs> <seconds>
 *                                 send MAC-Ping frames to dst-mac as fast as one thread can,
 *                                 from <macs> MACs counting up from each base in turn; print
 *                                 "sent <frames> <errors> <seconds>"
 *
 * MACs are 12 hex digits. Needs root (CAP_NET_RAW); run it inside a test namespace.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int open_socket(const char *ifname) {
    int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (fd < 0) {
        perror("socket(AF_PACKET)");
        exit(3);
    }
    int one = 1;
    /* Our own transmissions must not come back to us as if received. */
    setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
    struct timeval tv = {0, 100000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_ll a;
    memset(&a, 0, sizeof a);
    a.sll_family = AF_PACKET;
    a.sll_protocol = htons(ETH_P_ALL);
    a.sll_ifindex = (int) if_nametoindex(ifname);
    if (a.sll_ifindex == 0 || bind(fd, (struct sockaddr *) &a, sizeof a) < 0) {
        fprintf(stderr, "cannot bind to %s: %s\n", ifname, strerror(errno));
        exit(3);
    }
    return fd;
}

static void put_mac(unsigned char *p, unsigned long long mac) {
    for (int i = 0; i < 6; i++) {
        p[i] = (unsigned char) (mac >> (40 - 8 * i));
    }
}

static int reflect(const char *ifname, int send_back) {
    int fd = open_socket(ifname);
    unsigned char frame[2048], tmp[6];
    long long frames = 0;
    double start = now(), last = 0;
    while (1) {
        struct sockaddr_ll from;
        socklen_t len = sizeof from;
        ssize_t n = recvfrom(fd, frame, sizeof frame, 0, (struct sockaddr *) &from, &len);
        double t = now();
        if (n < 0) {
            if ((frames > 0 && t - last > 2.0) || t - start > 120.0) {
                break;
            }
            continue;
        }
        if (from.sll_pkttype == PACKET_OUTGOING || n < 14) {
            continue;
        }
        if (send_back) {
            memcpy(tmp, frame, 6);
            memcpy(frame, frame + 6, 6);
            memcpy(frame + 6, tmp, 6);
            send(fd, frame, (size_t) n, 0);
        }
        frames++;
        last = t;
    }
    printf("reflected %lld\n", frames);
    return 0;
}

static unsigned short ip_checksum(const unsigned char *p, int len) {
    unsigned long sum = 0;
    for (int i = 0; i < len; i += 2) {
        sum += (unsigned long) (p[i] << 8 | p[i + 1]);
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (unsigned short) ~sum;
}

static int blast(char **argv) {
    int fd = open_socket(argv[2]);
    unsigned long long dst = strtoull(argv[3], NULL, 16), bases[2] = {strtoull(argv[4], NULL, 16), strtoull(argv[5], NULL, 16)};
    int macs = atoi(argv[6]);
    double seconds = atof(argv[7]);
    /* Ethernet (14) + IPv4 (20) + UDP (8) + MAC-Ping header (18) + 38 bytes, as macping sends it. */
    unsigned char f[98];
    memset(f, 0, sizeof f);
    put_mac(f, dst);
    f[12] = 0x08;
    unsigned char *ip = f + 14, *udp = f + 34, *mt = f + 42;
    ip[0] = 0x45;
    ip[2] = 0;
    ip[3] = 20 + 8 + 56;
    ip[6] = 0x40;
    ip[8] = 64;
    ip[9] = 17;
    memset(ip + 16, 0xff, 4);
    unsigned short sum = ip_checksum(ip, 20);
    ip[10] = (unsigned char) (sum >> 8);
    ip[11] = (unsigned char) sum;
    udp[0] = udp[2] = 0x50;
    udp[1] = udp[3] = 0x51;
    udp[5] = 8 + 56;
    mt[0] = 1;
    mt[1] = 4;
    put_mac(mt + 8, dst);
    long long sent = 0, errors = 0;
    double start = now(), end = start + seconds;
    for (long long i = 0;; i++) {
        if ((i & 255) == 0 && now() >= end) {
            break;
        }
        unsigned long long src = bases[i & 1] + (unsigned long long) ((i >> 1) % macs);
        put_mac(f + 6, src);
        put_mac(mt + 2, src);
        if (send(fd, f, sizeof f, 0) == (ssize_t) sizeof f) {
            sent++;
        } else {
            errors++;
        }
    }
    printf("sent %lld %lld %.3f\n", sent, errors, now() - start);
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 3 && (strcmp(argv[1], "reflect") == 0 || strcmp(argv[1], "count") == 0)) {
        return reflect(argv[2], strcmp(argv[1], "reflect") == 0);
    }
    if (argc == 8 && strcmp(argv[1], "blast") == 0) {
        return blast(argv);
    }
    fprintf(stderr, "usage: reflector reflect|count <if> | reflector blast <if> <dst-mac> <allow-base> <deny-base> <macs> <seconds>\n");
    return 2;
}
