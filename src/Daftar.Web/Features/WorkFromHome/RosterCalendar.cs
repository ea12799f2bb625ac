using Daftar.Data;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>
/// The employee's office days of published rosters in their calendar feed, as all-day events that do not block time
/// (from 60 days back, like the meetings in it). A roster edited after publishing changes the feed at the next refresh.
/// </summary>
public sealed class RosterCalendar(DaftarDb db) : ICalendarSource
{
    public async Task AddAsync(Ical.Net.Calendar calendar, CalendarOwner owner, CancellationToken ct)
    {
        if (owner.EmployeeId is not { } employee) return;
        var since = owner.Today.AddDays(-60);
        var days = await (from e in db.RosterEntries.AsNoTracking()
                          join r in db.Rosters on e.RosterId equals r.Id
                          where e.EmployeeId == employee && r.Status == RosterStatus.Published && e.Day >= since
                          join o in db.Offices on r.OfficeId equals o.Id
                          orderby e.Day
                          select new { e.Day, e.RosterId, o.NameEn, o.NameHi, r.From, r.To }).Take(400).ToListAsync(ct);
        var hindi = owner.Culture == "hi";
        var stamp = new CalDateTime(DateTime.UtcNow, true);
        foreach (var d in days)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"roster-{d.RosterId}-{d.Day:yyyyMMdd}-{employee}@daftar",
                Summary = hindi ? "कार्यालय में उपस्थिति (रोस्टर)" : "In the office (roster)",
                Description = hindi
                    ? $"{d.NameHi}: रोस्टर {d.From:dd-MM-yyyy} – {d.To:dd-MM-yyyy} के अनुसार इस दिन कार्यालय में आना है।"
                    : $"{d.NameEn}: the roster for {d.From:dd-MM-yyyy} – {d.To:dd-MM-yyyy} calls you to the office on this day.",
                Location = hindi ? d.NameHi : d.NameEn,
                DtStart = new CalDateTime(d.Day.Year, d.Day.Month, d.Day.Day),
                DtEnd = new CalDateTime(d.Day.AddDays(1).Year, d.Day.AddDays(1).Month, d.Day.AddDays(1).Day),
                DtStamp = stamp,
                Transparency = "TRANSPARENT",
                Status = "CONFIRMED",
            });
        }
    }
}
