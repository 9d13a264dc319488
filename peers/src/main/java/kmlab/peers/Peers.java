package kmlab.peers;

import java.util.List;

/** The libraries of the Java peers: one for each {@link kmlab.runs.Peer} whose runtime is Java (JavaPeersTest checks). */
final class Peers {
    static final List<Library> ALL = List.of(new SmilePeer(), new CommonsMathPeer(), ElkiPeer.ELKI, ElkiPeer.SHALLOT);

    private Peers() {
    }
}
