using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Meetings;

/// <summary>What the Meetings area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class MeetingsErrors
{
    public static readonly Error NoPost = new("no_post", "You hold no post today, so you cannot act in meetings.", ErrorKind.Forbidden);
    public static readonly Error NotManager = new("not_meeting_manager", "Only the meeting's organiser or chair can do this.", ErrorKind.Forbidden);
    public static readonly Error Cancelled = new("meeting_cancelled", "This meeting is cancelled.", ErrorKind.Conflict);
    public static readonly Error ChangedMeanwhile = new("meeting_changed", "Someone changed this meeting at the same moment. Open it again and repeat your change.", ErrorKind.Conflict);
    public static readonly Error NotInvited = new("not_invited", "You are not invited to this meeting.", ErrorKind.Forbidden);
    public static readonly Error NotOpen = new("room_not_open", "The room opens {0} minutes before the meeting starts, and closes after it ends.", ErrorKind.Conflict, null, 15);
    public static readonly Error NoVideo = new("video_unavailable", "No video server is available right now. Try again in a minute, or tell the IT cell.", ErrorKind.Conflict);
    public static readonly Error RemovedByChair = new("removed_by_chair", "The chair has removed you from this meeting.", ErrorKind.Forbidden);
    public static readonly Error SpeakersFull = new("speakers_full", "{0} people can already speak with video. Stop someone's video first.", ErrorKind.Conflict, null, 0);
    public static readonly Error ChairSignsFirst = new("chair_signs_first", "The chair signs the minutes first.", ErrorKind.Forbidden);
    public static readonly Error AlreadySigned = new("minutes_signed_by_you", "You have already signed these minutes.", ErrorKind.Conflict);
    public static readonly Error NotAssignee = new("not_assignee", "Only the post the action item is assigned to, or the meeting's organiser or chair, can do this.", ErrorKind.Forbidden);
    public static readonly Error CannotDrop = new("cannot_drop", "Only the organiser or chair can drop an action item.", ErrorKind.Invalid, "status");
    public static readonly Error ActionHasFile = new("action_has_file", "This action item already has a file.", ErrorKind.Conflict);
    public static readonly Error InvalidRange = new("invalid_range", "Choose a range of at most a year, the end after the start.", ErrorKind.Invalid, "to");
    public static readonly Error InvalidDuration = new("invalid_duration", "A meeting lasts from 5 minutes to 12 hours.", ErrorKind.Invalid, "durationMinutes");
    public static readonly Error EmptyRule = new("empty_rule", "Choose at least one condition: office type, office, designation or department.", ErrorKind.Invalid);
    public static readonly Error InvalidUntil = new("invalid_until", "Repeat until a day after the first one, at most a year later.", ErrorKind.Invalid, "until");
    public static readonly Error NoDays = new("no_days", "Choose the days of the week it is held on.", ErrorKind.Invalid, "days");
    public static readonly Error InvalidLink = new("invalid_link", "Give the https:// link of the Jitsi or BigBlueButton meeting.", ErrorKind.Invalid, "externalUrl");
    public static readonly Error InvalidSpeakers = new("invalid_speakers", "Between 2 and 100 people can speak with video at once.", ErrorKind.Invalid, "maxSpeakers");
    public static readonly Error TooManyAgendaItems = new("too_many", "At most {0} agenda items.", ErrorKind.Invalid, "agenda", 100);
    public static readonly Error TooManyRules = new("too_many", "At most {0} rules.", ErrorKind.Invalid, "rules", 20);
    public static readonly Error InvalidEmail = new("invalid_email", "This is not an e-mail address.", ErrorKind.Invalid, "guests");
    public static readonly Error TooManyGuests = new("too_many", "At most {0} guests.", ErrorKind.Invalid, "guests", 200);
    public static readonly Error InvalidTime = new("invalid_time", "Give the time as hours and minutes, e.g. 10:30.", ErrorKind.Invalid, "startTime");
    public static readonly Error DueInPast = new("due_in_past", "The due date cannot be before today.", ErrorKind.Invalid, "dueOn");
    public static readonly Error MeetingEnded = new("meeting_ended", "This meeting has ended. Its attendance and minutes are on the meeting's page.", ErrorKind.Conflict);
    public static readonly Error LinkedFileGraded = new("linked_file_graded", "The assigned post cannot open this file: it is confidential or secret, and such files are seen only by the posts they pass through. Send it to that post, or link another file.", ErrorKind.Invalid, "fileId");
    public static readonly Error LinkedFileNotHeld = new("linked_file_not_held", "The assigned post cannot open this file, and only the post that holds a file can share it. Ask that post to share it, or link a file your post holds.", ErrorKind.Invalid, "fileId");
    public static Error TooManyInvitees(object count, object maxInvitees) => new("too_many_invitees", "These rules invite {0} posts; a meeting can have at most {1}. Narrow the rules.", ErrorKind.Invalid, "rules", count, maxInvitees);
}
