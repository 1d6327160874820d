package macserver.macplane;

import java.util.function.IntPredicate;
import macserver.mactelnet.Admission;
import macserver.mactelnet.AdmissionPolicy;
import macserver.mactelnet.DropReason;
import macserver.mactelnet.MacService;
import macserver.policy.LastSeen;
import macserver.policy.MacPolicy;

/**
 * The MAC policy's answer for each SESSIONSTART and PING, with the instance's session limit
 * folded in for MAC-Telnet, and the MAC's last-seen time noted (but for a claimed MAC whose frame
 * came from elsewhere). Per packet, no lock, no allocation.
 */
final class PolicyAdmission implements AdmissionPolicy {
    private final MacPolicy policy;
    private final LastSeen lastSeen;
    private final IntPredicate roomForSession;

    PolicyAdmission(MacPolicy policy, LastSeen lastSeen, IntPredicate roomForSession) {
        this.policy = policy;
        this.lastSeen = lastSeen;
        this.roomForSession = roomForSession;
    }

    @Override
    public long admit(long clientMac, long ethSource, int ifIndex, MacService service) {
        long a = policy.admit(clientMac, ethSource, ifIndex, service);
        if (Admission.isDropped(a) && Admission.reason(a) == DropReason.SOURCE_MISMATCH) {
            return a; // not heard from that MAC: it is someone claiming to be it
        }
        lastSeen.touch(clientMac, System.currentTimeMillis() / 1000);
        if (service == MacService.MAC_TELNET && !Admission.isDropped(a) && !roomForSession.test(Admission.serverId(a))) {
            return policy.drop(Admission.serverId(a), DropReason.SERVER_FULL);
        }
        return a;
    }
}
