package org.multimedia.video;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /downloads/basket {items: [{videoId, rendition?}]}} (signed in) → 200 a link per
 * file, as JSON or, with {@code Accept: application/metalink4+xml}, as a Metalink 4 file.
 */
public class DownloadBasketHandler extends ApiHandler {

    @Inject
    Downloads downloads;

    @Inject
    Clock clock;

    public DownloadBasketHandler() {
    }

    public DownloadBasketHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Body body = request.body(Body.class);
        DownloadLink.Basket basket = downloads.basket(body.items().stream()
                .map(item -> new Downloads.Wanted(item.videoId(), Optional.ofNullable(item.rendition()))).toList(),
                request.user(), request.sourceIp());
        boolean metalink = request.header("Accept").map(a -> a.toLowerCase(Locale.ROOT).contains(Metalink.MEDIA_TYPE)).orElse(false);
        return metalink
                ? ApiResponse.attachment(Metalink.MEDIA_TYPE, "videos.meta4", Metalink.of(basket, clock.instant()))
                : ApiResponse.ok(basket);
    }

    /** The request body; fields it does not declare are ignored. */
    @Serdeable
    record Body(List<Item> items) {
    }

    @Serdeable
    record Item(String videoId, @Nullable String rendition) {
    }
}
