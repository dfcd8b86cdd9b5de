// Shows instants in the reader's own time zone and language:
// <time class="local"> as a date and time, <time class="relative"> as "5 минут назад" with the exact time on hover.
(function () {
    var UNITS = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

    function relative(when, lang) {
        var seconds = Math.round((when.getTime() - Date.now()) / 1000);
        if (Math.abs(seconds) < 45) {
            return new Intl.RelativeTimeFormat(lang, {numeric: 'auto'}).format(0, 'second');
        }
        for (var i = 0; i < UNITS.length; i++) {
            if (Math.abs(seconds) >= UNITS[i][1] || UNITS[i][0] === 'second') {
                return new Intl.RelativeTimeFormat(lang, {numeric: 'auto'})
                    .format(Math.round(seconds / UNITS[i][1]), UNITS[i][0]);
            }
        }
    }

    function localize(root) {
        var lang = document.documentElement.lang || 'ru';
        (root || document).querySelectorAll('time[datetime]').forEach(function (el) {
            var when = new Date(el.getAttribute('datetime'));
            if (isNaN(when)) {
                return;
            }
            var exact = when.toLocaleString(lang, {dateStyle: 'long', timeStyle: 'medium'});
            if (el.classList.contains('relative')) {
                el.textContent = relative(when, lang);
                el.title = exact;
            } else if (el.classList.contains('local')) {
                el.textContent = exact;
            }
        });
    }

    document.addEventListener('DOMContentLoaded', function () { localize(document); });
    window.ConnectionsApp = {localize: localize};
})();
