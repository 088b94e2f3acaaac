package org.multimedia.newsletter;

import jakarta.inject.Singleton;
import org.multimedia.identity.Language;

import java.util.List;

/**
 * The pager worker's one job: read one page of the list, queue a send job per subscriber, count
 * the page, queue the next page. Nothing but one page is ever in memory, and every step is safe
 * to repeat: a page delivered twice queues its send jobs again (each recipient is claimed once,
 * {@link Deliveries}) and is counted once ({@link CampaignService#countPage}); a next-page job queued
 * twice is counted once in the same way.
 */
@Singleton
public class CampaignPager {

    private static final List<Language> BOTH = List.of(Language.EN, Language.FR);

    private final CampaignService service;
    private final MailingList list;
    private final CampaignQueues queues;
    private final CampaignSettings settings;

    public CampaignPager(CampaignService service, MailingList list, CampaignQueues queues,
                         CampaignSettings settings) {
        this.service = service;
        this.list = list;
        this.queues = queues;
        this.settings = settings;
    }

    public void page(PageJob job) {
        // Missing (not yet visible, or deleted): throwing retries it, then dead-letters it.
        Campaigns.Content campaign = service.content(job.campaignId());
        if (campaign.test()) {
            return; // a test campaign never reads the list
        }
        List<Language> languages = campaign.language() == null ? BOTH : List.of(Language.orDefault(campaign.language()));
        if (job.languageIndex() < 0 || job.languageIndex() >= languages.size() || job.page() < 0) {
            throw new IllegalArgumentException("Page job out of range");
        }
        Language language = languages.get(job.languageIndex());
        if (job.page() == 0) {
            service.markSending(job.campaignId());
        }
        MailingList.Page page = list.subscribed(language, job.cursor(), settings.pageSize());
        queues.enqueueSends(page.subscribers().stream()
                .map(s -> new SendJob(job.campaignId(), s.email().value(), s.subscriberId(), s.language().tag(), false))
                .toList());
        boolean lastOfLanguage = page.nextCursor() == null;
        boolean last = lastOfLanguage && job.languageIndex() == languages.size() - 1;
        service.countPage(job.campaignId(), job.page(), page.subscribers().size(), last);
        if (!last) {
            queues.enqueuePage(lastOfLanguage
                    ? new PageJob(job.campaignId(), job.languageIndex() + 1, null, job.page() + 1)
                    : new PageJob(job.campaignId(), job.languageIndex(), page.nextCursor(), job.page() + 1));
        }
        service.completeIfDone(job.campaignId()); // an empty list, or every send already done
    }
}
