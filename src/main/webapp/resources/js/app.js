// Shows every <time class="local"> in the reader's own time zone and language.
(function () {
    function localize(root) {
        var lang = document.documentElement.lang || 'ru';
        (root || document).querySelectorAll('time.local[datetime]').forEach(function (el) {
            var when = new Date(el.getAttribute('datetime'));
            if (!isNaN(when)) {
                el.textContent = when.toLocaleString(lang, {dateStyle: 'medium', timeStyle: 'short'});
            }
        });
    }
    document.addEventListener('DOMContentLoaded', function () { localize(document); });
    window.ConnectionsApp = {localize: localize};
})();
