// Wagtail-localize's translation editor in the translator's language and writing direction.
// The editor (a React app) knows its source and target languages from its data-props but
// writes every text in the direction of the admin's language: translations into Arabic or
// Persian need right to left whatever language the admin speaks, German sources left to right.
// The script also translates the editor's heading, which wagtail-localize leaves in English.
(function () {
    "use strict";
    var rightToLeft = document.currentScript.dataset.rtlLanguages.split(" ");

    function direction(code) {
        return rightToLeft.indexOf(code) === -1 ? "ltr" : "rtl";
    }

    function writeIn(element, locale) {
        element.lang = locale.code;
        element.dir = direction(locale.code);
    }

    function watch(editor) {
        var props = JSON.parse(editor.dataset.props);
        var source = props.sourceLocale;
        var target = props.locale;
        var englishHeading = source.displayName + " to " + target.displayName + " translation";
        var heading = window.interpolate(
            window.gettext("%(source)s to %(target)s translation"),
            {source: source.displayName, target: target.displayName},
            true
        );

        // A segment is a list item with the source text in a paragraph and, after it, a
        // block with the translation: a paragraph while shown, a textarea while edited.
        function update() {
            editor.querySelectorAll("li > p").forEach(function (text) {
                writeIn(text, source);
            });
            editor.querySelectorAll("li > p + div, textarea").forEach(function (text) {
                writeIn(text, target);
            });
            editor.querySelectorAll("h3").forEach(function (title) {
                if (title.textContent === englishHeading && heading !== englishHeading) {
                    title.textContent = heading;
                }
            });
        }

        update();
        new MutationObserver(update).observe(editor, {childList: true, subtree: true});
    }

    // The admin loads its scripts in the page's head, before the editor's element exists.
    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll(".js-translation-editor[data-props]").forEach(watch);
    });
})();
