using Daftar.Meetings;

namespace Daftar.Web.Features.Meetings;

/// <summary>The English words for meeting values; they are also the keys of their Hindi translations.</summary>
public static class MeetingLabels
{
    public static string Of(MeetingPurpose p) => p switch { MeetingPurpose.Review => "Review", MeetingPurpose.Training => "Training", _ => "General" };

    public static string Of(Recurrence r) => r switch
    {
        Recurrence.Daily => "Daily",
        Recurrence.EveryOtherDay => "Every other day",
        Recurrence.Weekly => "Weekly on chosen days",
        _ => "Once",
    };

    public static string Of(ActionStatus s) => s switch
    {
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        ActionStatus.Dropped => "Dropped",
        _ => "Open",
    };

    public static string Of(OccurrenceStatus s) => s == OccurrenceStatus.Cancelled ? "Cancelled" : "Scheduled";

    public static string Of(WeekDays d) => d switch
    {
        WeekDays.Monday => "Mon",
        WeekDays.Tuesday => "Tue",
        WeekDays.Wednesday => "Wed",
        WeekDays.Thursday => "Thu",
        WeekDays.Friday => "Fri",
        WeekDays.Saturday => "Sat",
        _ => "Sun",
    };

    public static readonly WeekDays[] Week = [WeekDays.Monday, WeekDays.Tuesday, WeekDays.Wednesday, WeekDays.Thursday, WeekDays.Friday, WeekDays.Saturday, WeekDays.Sunday];
}
