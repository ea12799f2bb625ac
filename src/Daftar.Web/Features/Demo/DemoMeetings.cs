using Daftar.Data;
using Daftar.Meetings;
using Daftar.People;
using Daftar.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Demo;

/// <summary>
/// Meetings for the embedded demo (run.sh, first start only): the Collector's daily review of every SDO, BDO and gram
/// vikas adhikari of Jaipur district (a week of it already held, with minutes drafted and action items, one overdue),
/// the range IG's twice-weekly crime review of every SHO, and a room open all day for trying video at once.
/// </summary>
public sealed class DemoMeetings(DaftarDb db, MeetingSettings settings, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Meetings.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(settings.Local(now.UtcDateTime).DateTime);
        async Task<Post> PostAsync(string code) => await db.Posts.SingleAsync(p => p.Code == code, ct);
        async Task<Employee> HolderAsync(string code) =>
            await db.PostAssignments.Where(a => a.Post.Code == code && a.Kind == ChargeKind.Primary).Select(a => a.Employee).FirstAsync(ct);
        async Task InviteAsync(Meeting meeting, string officeCode, params string[] designations)
        {
            var office = await db.Offices.SingleAsync(o => o.Code == officeCode, ct);
            var subtree = await Daftar.Web.Features.People.OrganisationDirectory.SubtreeAsync(db, office.Id, ct);
            var rules = new List<ParticipantRule>();
            var wanted = new Dictionary<int, (Post, InviteeSource, int)>();
            foreach (var code in designations)
            {
                var designation = await db.Designations.SingleAsync(d => d.Code == code, ct);
                rules.Add(new ParticipantRule(null, office.Id, designation.Id, null));
                foreach (var post in await db.Posts.Where(p => p.IsActive && p.DesignationId == designation.Id && subtree.Contains(p.OfficeId)).ToListAsync(ct))
                    wanted.TryAdd(post.Id, (post, InviteeSource.ByRule, rules.Count - 1));
            }
            meeting.InvitePosts(rules, wanted);
        }

        var collector = await PostAsync("COLL-JPR");
        var collectorHolder = await HolderAsync("COLL-JPR");
        var daily = new Meeting("जिला स्तरीय दैनिक समीक्षा बैठक", MeetingPurpose.Review, "Daily review of field officers: MGNREGA, pensions, public grievances.",
            collector, collector, collectorHolder, new MeetingSchedule(today.AddDays(-7), new TimeOnly(10, 0), 60, Recurrence.Weekly,
                WeekDays.Monday | WeekDays.Tuesday | WeekDays.Wednesday | WeekDays.Thursday | WeekDays.Friday | WeekDays.Saturday, today.AddDays(30)),
            settings.Zone, VideoKind.Janus, null, 6, now);
        daily.SetAgenda([new AgendaItem(1, "नरेगा भुगतान की लंबितता", null, null), new AgendaItem(2, "पेंशन सत्यापन", null, null), new AgendaItem(3, "जन शिकायतें (संपर्क पोर्टल)", null, null)]);
        await InviteAsync(daily, "DIST-JPR", "SDO", "BDO", "GVA");
        db.Meetings.Add(daily);

        var igp = await PostAsync("IGP-JPR");
        var crime = new Meeting("रेंज अपराध समीक्षा — Range crime review", MeetingPurpose.Review, null, igp, igp, await HolderAsync("IGP-JPR"),
            new MeetingSchedule(today, new TimeOnly(11, 0), 45, Recurrence.Weekly, WeekDays.Monday | WeekDays.Thursday, today.AddDays(60)),
            settings.Zone, VideoKind.Janus, null, 6, now);
        crime.SetAgenda([new AgendaItem(1, "लंबित प्रकरण", null, null), new AgendaItem(2, "महिला अपराध", null, null)]);
        await InviteAsync(crime, "RANGE-JPR", "SHO", "CO", "SP");
        db.Meetings.Add(crime);

        var open = new Meeting("Demo room — join any time", MeetingPurpose.Training, "Try Daftar's video room: open every day from 08:00 to 20:00.",
            collector, collector, collectorHolder, new MeetingSchedule(today, new TimeOnly(8, 0), 720, Recurrence.Daily, WeekDays.None, today.AddDays(30)),
            settings.Zone, VideoKind.Janus, null, 12, now);
        var named = new Dictionary<int, (Post, InviteeSource, int)>();
        foreach (var code in new[] { "LDC-DOIT-GR1", "SO-DOIT-GR1", "DS-DOIT", "SDO-SANGANER", "BDO-SANGANER", "SHO-CHAKSU", "ADM-JPR" })
        {
            var post = await PostAsync(code);
            named[post.Id] = (post, InviteeSource.ByName, -1);
        }
        open.InvitePosts([], named);
        db.Meetings.Add(open);
        await db.SaveChangesAsync(ct);

        // The week already held: minutes drafted for the last one, action items (one overdue) for the field.
        var held = daily.Occurrences.Where(o => o.EndsAtUtc < now.UtcDateTime).OrderBy(o => o.StartsAtUtc).ToList();
        if (held.Count > 0)
        {
            db.MeetingMinutes.Add(new MeetingMinutes(held[^1], "1. नरेगा भुगतान की लंबितता पर चर्चा हुई; विकास अधिकारी सांगानेर शेष भुगतान तीन दिन में करेंगे।\n2. पेंशन सत्यापन का कार्य सप्ताहांत तक पूर्ण होगा।", collector, now));
            db.ActionItems.Add(new ActionItem(daily, held[^1], "नरेगा के लंबित भुगतान तीन दिन में पूर्ण करें", await PostAsync("BDO-SANGANER"), today.AddDays(3), collector, now));
            db.ActionItems.Add(new ActionItem(daily, held[0], "पेंशन सत्यापन की रिपोर्ट भेजें", await PostAsync("BDO-CHAKSU"), today.AddDays(-2), collector, now));
            db.ActionItems.Add(new ActionItem(daily, held[^1], "संपर्क पोर्टल की 15 दिन से पुरानी शिकायतें निपटाएँ", await PostAsync("SDO-SANGANER"), today.AddDays(7), collector, now));
            await db.SaveChangesAsync(ct);
        }
    }
}
