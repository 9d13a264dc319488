package kmlab.peers;

import java.util.List;

/** The Java peers by name. */
final class Peers {
    static final List<Peer> ALL = List.of(new SmilePeer(), new CommonsMathPeer(), ElkiPeer.LLOYD, ElkiPeer.SHALLOT);

    private Peers() {
    }
}
