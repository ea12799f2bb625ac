using Daftar.Data;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
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
        var stamp = DateTime.UtcNow;
        foreach (var d in days)
        {
            calendar.Events.Add(OfficeDay($"roster-{d.RosterId}-{d.Day:yyyyMMdd}-{employee}@daftar", d.Day,
                hindi ? "कार्यालय में उपस्थिति (रोस्टर)" : "In the office (roster)",
                hindi
                    ? $"{d.NameHi}: रोस्टर {d.From:dd-MM-yyyy} – {d.To:dd-MM-yyyy} के अनुसार इस दिन कार्यालय में आना है।"
                    : $"{d.NameEn}: the roster for {d.From:dd-MM-yyyy} – {d.To:dd-MM-yyyy} calls you to the office on this day.",
                hindi ? d.NameHi : d.NameEn, stamp));
        }
    }

    public const string ProductId = "-//Daftar//Work from home//EN";

    /// <summary>One office day as an all-day event that does not block time: the same shape in the feed, the mail and the download.</summary>
    public static CalendarEvent OfficeDay(string uid, DateOnly day, string summary, string? description, string? location, DateTime stampUtc) => new()
    {
        Uid = uid,
        Summary = summary,
        Description = description,
        Location = location,
        DtStart = new CalDateTime(day.Year, day.Month, day.Day),
        DtEnd = new CalDateTime(day.AddDays(1).Year, day.AddDays(1).Month, day.AddDays(1).Day),
        DtStamp = new CalDateTime(stampUtc, true),
        Transparency = "TRANSPARENT",
        Status = "CONFIRMED",
    };

    /// <summary>Office days as an iCalendar file (an e-mail part with <paramref name="method"/> PUBLISH, or a download).</summary>
    public static string Ics(IEnumerable<CalendarEvent> days, string? method = null)
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId };
        if (method is not null) calendar.Method = method;
        foreach (var day in days) calendar.Events.Add(day);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
