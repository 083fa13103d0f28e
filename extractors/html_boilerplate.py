"""Page furniture that health sites wrap in recognisable containers, as data by concept.

A container is removed before extraction when one of its class or id names, or one of
their tokens (split on '-' and '_'), is listed below: `share` hits "article-share-bar",
but "stock" is not "toc". The reason is the concept's name, recorded with the container's text.
"""

from __future__ import annotations

CONTAINER_TOKENS: dict[str, frozenset[str]] = {
    "share_buttons": frozenset({"share", "sharing", "sharebar", "social", "socials", "addthis", "sharethis"}),
    "table_of_contents": frozenset({"toc", "tableofcontents", "ez-toc", "jumplinks", "jump-links"}),
    "related_link": frozenset({"related", "recommended", "recirc", "readmore", "read-more", "more-stories", "outbrain", "taboola"}),
    "newsletter_prompt": frozenset({"newsletter", "subscribe", "subscription", "signup", "sign-up", "optin"}),
    "cookie_notice": frozenset({"cookie", "cookies", "consent", "gdpr"}),  # not "cmp": AEM names every component cmp-*
    "ad_label": frozenset({"ad", "ads", "advert", "advertisement", "adslot", "ad-slot", "sponsored", "dfp", "gpt"}),
    "page_feedback": frozenset({"feedback", "helpful", "was-this-helpful", "rating"}),
    "image_credit": frozenset({"credit", "credits", "photo-credit", "image-credit"}),
}
# Never removed whatever their class says: they hold the article itself.
PROTECTED_TAGS = frozenset({"html", "body", "main", "article"})
# A class whose tokens also name the content ("entry-content-read-more", "article-body")
# marks the article itself; "article-share-bar" or "related-articles" do not.
CONTENT_MARKERS = frozenset({"content", "entry", "body", "main", "story", "text"})
# A container with this much text is content that happens to carry a class like "related".
