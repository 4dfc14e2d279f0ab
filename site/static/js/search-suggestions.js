// Suggests titles of offers, actors and topics while a visitor types into a search box.
// Without this script the search works the same; it only fills the box's <datalist>.
(function () {
    "use strict";
    var DELAY = 200;
    var MIN_LENGTH = 2;

    function enhance(input) {
        var list = document.getElementById(input.getAttribute("list"));
        var timer = null;
        var lastQuery = "";

        function show(suggestions) {
            list.replaceChildren.apply(list, suggestions.map(function (suggestion) {
                var option = document.createElement("option");
                option.value = suggestion.title;
                option.label = suggestion.type;
                return option;
            }));
        }

        function load() {
            var query = input.value.trim();
            if (query.length < MIN_LENGTH || query === lastQuery) {
                return;
            }
            lastQuery = query;
            fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
                headers: {Accept: "application/json"},
            })
                .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
                .then(function (data) {
                    if (data.query === input.value.trim()) {
                        show(data.suggestions);
                    }
                })
                .catch(function () { /* suggestions are optional */ });
        }

        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(load, DELAY);
        });
    }

    document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
