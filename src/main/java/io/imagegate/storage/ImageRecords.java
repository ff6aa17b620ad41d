package io.imagegate.storage;

import io.imagegate.imaging.ImageFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code images} table. */
public final class ImageRecords {

    private static final RowMapper<StoredImage> STORED = (rs, row) -> new StoredImage(rs.getString("id"),
            ImageFormat.valueOf(rs.getString("format")), Instant.ofEpochSecond(rs.getLong("expires_at")));

    private final JdbcClient jdbc;

    public ImageRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ImageRecord image) {
        jdbc.sql("""
                INSERT INTO images (id, account_id, key_id, request_id, client_request_id, end_user, model, width,
                                    height, format, byte_size, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(image.id(), image.accountId(), image.keyId(), image.requestId(),
                        image.clientRequestId().orElse(null), image.endUser().orElse(null),
                        image.model(),
                        image.width(), image.height(), image.format().name(), image.byteSize(),
                        image.createdAt().getEpochSecond(), image.expiresAt().getEpochSecond())
                .update();
    }

    /** The oldest expired images first, at most {@code limit}, so one sweep never loads an unbounded list. */
    public List<StoredImage> expiredBefore(Instant now, int limit) {
        return jdbc.sql("SELECT id, format, expires_at FROM images WHERE expires_at <= ? ORDER BY expires_at LIMIT ?")
                .params(now.getEpochSecond(), limit)
                .query(STORED)
                .list();
    }

    /** The image with this id, if it is still recorded (not swept). */
    public Optional<StoredImage> find(String id) {
        return jdbc.sql("SELECT id, format, expires_at FROM images WHERE id = ?")
                .param(id)
                .query(STORED)
                .optional();
    }

    /** The images a request stored that have not expired yet, in the order they were made. */
    public List<StoredImage> ofRequest(String requestId, String accountId, Instant now) {
        return jdbc.sql("SELECT id, format, expires_at FROM images WHERE request_id = ? AND account_id = ?"
                        + " AND expires_at > ? ORDER BY created_at, id")
                .params(requestId, accountId, now.getEpochSecond())
                .query(STORED)
                .list();
    }

    /** Whether this call removed the row; false when it was gone already (another node's sweeper took it). */
    public boolean delete(String id) {
        return jdbc.sql("DELETE FROM images WHERE id = ?").param(id).update() == 1;
    }
}
