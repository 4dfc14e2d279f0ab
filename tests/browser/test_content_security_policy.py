"""A signed-in editor's public pages carry the strict policy, and Wagtail's user bar works."""

from playwright.sync_api import expect

# Collects the page's policy violations, also those inside the user bar's shadow root.
RECORD_VIOLATIONS = """window.policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.policyViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
}, true);"""


def test_the_user_bar_works_under_the_strict_policy(make_user, signed_in):
    page = signed_in(make_user("csp-editor", "Editors"))
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)

    for address in ["/de/ueber-das-netzwerk/", "/ar/", "/de/angebote/"]:
        response = page.goto(address)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy

        page.locator("#wagtail-userbar-trigger").click()
        expect(page.locator("#wagtail-userbar-items")).to_be_visible()
        page.locator("#checker-trigger").click()  # the accessibility checker runs axe-core
        expect(page.get_by_role("dialog")).to_be_visible()

        assert page.evaluate("window.policyViolations") == []
        assert [text for text in console if "Content Security Policy" in text] == []

    page.goto("/de/ueber-das-netzwerk/")
    page.locator("#wagtail-userbar-trigger").click()
    page.locator("#wagtail-userbar-items a[href$='/edit/']").click()
    page.wait_for_url("**/admin/pages/*/edit/")
