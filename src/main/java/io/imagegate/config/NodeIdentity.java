package io.imagegate.config;

/**
 * This gateway process's stable name, kept across restarts: holds record the node that placed them, so a
 * restarted node can release the holds its previous run left behind without touching other nodes' holds.
 */
public record NodeIdentity(String id) {

    public NodeIdentity {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidConfiguration("imagegate.node-id '" + id + "' must be 1-64 letters, digits, '.', '_'"
                    + " or '-'; leave it unset to have one generated and kept in the data directory");
        }
    }
}
