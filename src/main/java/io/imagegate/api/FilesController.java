package io.imagegate.api;

import io.imagegate.storage.SignedFiles;
import io.imagegate.storage.SignedFiles.OpenedFile;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/files/{id}.{ext}?expires=…&sig=…}: serves a stored image to whoever holds its signed URL. */
@RestController
public class FilesController {

    private final SignedFiles files;

    public FilesController(SignedFiles files) {
        this.files = files;
    }

    @GetMapping("/v1/files/{name:.+}")
    ResponseEntity<InputStreamResource> file(@PathVariable String name,
            @RequestParam(required = false) String expires, @RequestParam(required = false) String sig) {
        OpenedFile file = files.open(name, expires, sig);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.format().mimeType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(file.secondsLeft())).cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(file.content()));
    }
}
