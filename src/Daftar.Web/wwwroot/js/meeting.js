// The meeting room: a join token from Daftar, then Janus's VideoRoom through Daftar's /rtc relay.
// Everyone joins as a participant; those allowed to speak publish camera and microphone, the rest watch and may raise a hand.
(() => {
    const root = document.getElementById("meeting");
    if (!root) return;
    const base = root.dataset.base;
    const status = document.getElementById("meeting-status");
    const videos = document.getElementById("videos");
    const token = document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? "";
    const say = (text) => { status.textContent = text; };
    let info, janus, pub, privateId, publishing = false, handUp = false, left = false, mutedByChair = false;
    const subs = new Map();
    const started = performance.now();
    window.daftarMeeting = { subscribers: subs, firstFrameMs: null, joined: false };

    async function call(handler, method = "POST", params = {}) {
        const qs = new URLSearchParams({ handler, ...params });
        const res = await fetch(`${base}?${qs}`, { method, headers: { "X-CSRF-TOKEN": token } });
        const body = await res.json().catch(() => ({}));
        if (!res.ok) throw new Error(body.error || res.statusText);
        return body;
    }

    function tile(id, label) {
        let el = document.getElementById(`tile-${id}`);
        if (!el) {
            el = document.createElement("figure");
            el.id = `tile-${id}`;
            el.className = "video-tile";
            const v = document.createElement("video");
            v.autoplay = true; v.playsInline = true; v.muted = id === "me";
            const cap = document.createElement("figcaption");
            cap.textContent = id === "me" ? `${label} ${root.dataset.you}` : label;
            el.append(v, cap);
            videos.append(el);
        }
        return el.querySelector("video");
    }

    // Mute, camera and screen are for those who speak; a watcher sees only what they can use.
    function speaking(on) {
        document.querySelectorAll("#controls .speaker-only").forEach((b) => { b.hidden = !on; });
    }

    function publish() {
        if (publishing || !pub) return;
        publishing = true;
        window.daftarMeeting.publishing = true;
        speaking(true);
        document.getElementById("watching").hidden = true;
        pub.createOffer({
            tracks: [{ type: "audio", capture: true, recv: false }, { type: "video", capture: true, recv: false }],
            success: (jsep) => pub.send({ message: { request: "configure", audio: true, video: true }, jsep }),
            error: (e) => { publishing = false; speaking(false); document.getElementById("watching").hidden = false; say(`${e}`); },
        });
    }

    function unpublish() {
        if (!publishing || !pub) return;
        publishing = false;
        window.daftarMeeting.publishing = false;
        speaking(false);
        pub.send({ message: { request: "unpublish" } });
        document.getElementById("tile-me")?.remove();
        document.getElementById("watching").hidden = false;
    }

    function subscribe(p) {
        if (subs.has(p.id) || p.id === info.participantId) return;
        subs.set(p.id, null);
        janus.attach({
            plugin: "janus.plugin.videoroom",
            success: (h) => {
                subs.set(p.id, h);
                h.send({ message: { request: "join", room: info.room, ptype: "subscriber", streams: [{ feed: p.id }], private_id: privateId, token: info.roomToken } });
            },
            onmessage: (msg, jsep) => {
                const h = subs.get(p.id);
                if (jsep && h) h.createAnswer({
                    jsep, tracks: [{ type: "data" }],
                    success: (answer) => h.send({ message: { request: "start", room: info.room }, jsep: answer }),
                    error: (e) => say(`${e}`),
                });
            },
            onremotetrack: (track, mid, on) => {
                const v = tile(p.id, p.display);
                if (!on) return;
                const stream = v.srcObject instanceof MediaStream ? v.srcObject : new MediaStream();
                stream.addTrack(track);
                v.srcObject = stream;
                if (track.kind === "video") v.addEventListener("loadeddata", () => {
                    window.daftarMeeting.firstFrameMs ??= Math.round(performance.now() - started);
                }, { once: true });
            },
            oncleanup: () => document.getElementById(`tile-${p.id}`)?.remove(),
            error: (e) => say(`${e}`),
        });
    }

    function gone(id) {
        const h = subs.get(id);
        subs.delete(id);
        h?.detach();
        document.getElementById(`tile-${id}`)?.remove();
    }

    function leave(message) {
        if (left) return;
        left = true;
        try { pub?.send({ message: { request: "leave" } }); } catch { /* already gone */ }
        janus?.destroy({ cleanupHandles: true });
        videos.replaceChildren();
        document.getElementById("controls").hidden = true;
        say(message ?? "");
    }

    function onPublisherMessage(msg, jsep) {
        const event = msg.videoroom;
        if (event === "joined") {
            privateId = msg.private_id;
            window.daftarMeeting.joined = true;
            say(root.dataset.joined);
            document.getElementById("controls").hidden = false;
            speaking(info.mayPublish);
            if (info.mayPublish) publish(); else document.getElementById("watching").hidden = false;
            (msg.publishers || []).forEach(subscribe);
        } else if (event === "event") {
            if (msg.leaving === "ok" && msg.reason === "kicked") return leave(root.dataset.removed);
            (msg.publishers || []).forEach(subscribe);
            if (msg.leaving) gone(msg.leaving);
            if (msg.unpublished && msg.unpublished !== "ok") gone(msg.unpublished);
            if (msg.error) say(msg.error);
        } else if (event === "destroyed") {
            leave(root.dataset.ended);
        }
        if (jsep) pub.handleRemoteJsep({ jsep });
    }

    const remoteVideos = () => videos.querySelectorAll("figure:not(#tile-me)").length;

    // One read of my standing in the room: speak or watch, the chair's mute, removal, the end, and who is here when no video arrives.
    async function refresh() {
        if (left) return;
        try {
            const params = { participant: info.participantId };
            if (remoteVideos() === 0) params.present = true;
            const s = await call("State", "GET", params);
            if (s.removed) return leave(root.dataset.removed);
            if (s.ended) return leave(root.dataset.ended);
            if (s.mayPublish && !publishing) publish();
            if (!s.mayPublish && publishing) unpublish();
            handUp = s.handRaised;
            const hand = document.getElementById("hand");
            hand.textContent = handUp ? hand.dataset.off : hand.dataset.on;
            hand.hidden = s.mayPublish && !s.mutedByChair;
            chairMute(s.mutedByChair);
            present(s.present);
            if (s.participants) chairPanel(s.participants);
        } catch (err) { window.daftarMeeting.lastPollError = `${err}`; /* guests have no standing to read; a failed poll is retried */ }
    }

    // A guest's page is rate-limited per address (several guests may share one), so it asks half as often.
    const every = base.startsWith("/meetings/guest/") ? 6000 : 3000;
    async function poll() {
        await refresh();
        if (!left) setTimeout(poll, every);
    }

    // The chair's mute holds on Janus whatever the page does: say so, and let the person's own Mute button show it.
    function chairMute(on) {
        mutedByChair = !!on;
        window.daftarMeeting.mutedByChair = mutedByChair;
        document.getElementById("muted-by-chair").hidden = !mutedByChair;
        const mute = document.getElementById("mute");
        mute.disabled = mutedByChair;
        mute.textContent = mutedByChair || pub?.isAudioMuted() ? mute.dataset.off : mute.dataset.on;
    }

    function present(names) {
        const section = document.getElementById("who-is-here");
        if (!names || remoteVideos() > 0) { section.hidden = true; return; }
        document.getElementById("present").replaceChildren(...names.map((n) => {
            const li = document.createElement("li");
            li.className = "list-inline-item";
            li.textContent = n === info.display ? `${n} ${root.dataset.you}` : n;
            return li;
        }));
        section.hidden = false;
    }

    function chairPanel(list) {
        const panel = document.getElementById("chair-panel");
        const ul = document.getElementById("participants");
        panel.hidden = false;
        document.getElementById("end").hidden = false;
        ul.replaceChildren(...list.map((p) => {
            const li = document.createElement("li");
            li.className = "d-flex flex-wrap gap-1 align-items-center border-bottom py-1";
            const name = document.createElement("span");
            name.className = "me-auto";
            name.textContent = p.display + (p.handRaisedAtUtc ? ` ✋ ${ul.dataset.hand}` : "");
            li.append(name);
            const button = (action, label) => {
                const b = document.createElement("button");
                b.type = "button"; b.className = "btn btn-sm btn-outline-secondary"; b.textContent = label;
                b.dataset.grant = p.grantId; b.dataset.action = action;
                li.append(b);
            };
            if (p.participantId !== info.participantId) {
                button(p.mayPublish ? "demote" : "promote", p.mayPublish ? ul.dataset.demote : ul.dataset.promote);
                if (p.publishing || p.mutedByChair) button(p.mutedByChair ? "unmute" : "mute", p.mutedByChair ? ul.dataset.unmute : ul.dataset.mute);
                button("remove", ul.dataset.remove);
            }
            return li;
        }));
    }

    document.getElementById("participants").addEventListener("click", async (e) => {
        const b = e.target.closest("button[data-action]");
        if (!b) return;
        try { await call("Moderate", "POST", { grant: b.dataset.grant, action: b.dataset.action }); await refresh(); } catch (err) { say(err.message); }
    });
    document.getElementById("mute").addEventListener("click", (e) => {
        if (!pub || mutedByChair) return;
        const muted = pub.isAudioMuted();
        muted ? pub.unmuteAudio() : pub.muteAudio();
        e.target.textContent = muted ? e.target.dataset.on : e.target.dataset.off;
    });
    document.getElementById("camera").addEventListener("click", (e) => {
        if (!pub) return;
        const off = pub.isVideoMuted();
        off ? pub.unmuteVideo() : pub.muteVideo();
        e.target.textContent = off ? e.target.dataset.on : e.target.dataset.off;
    });
    document.getElementById("screen").addEventListener("click", () => {
        if (!pub || !publishing) return;
        pub.replaceTracks({
            tracks: [{ type: "screen", mid: "1", capture: true }],
            success: () => { window.daftarMeeting.sharing = true; },
            error: (err) => say(`${err}`),
        });
    });
    document.getElementById("hand").addEventListener("click", async () => {
        try { await call("Hand", "POST", { participant: info.participantId, raise: !handUp }); handUp = !handUp; } catch (err) { say(err.message); }
    });
    document.getElementById("leave").addEventListener("click", () => leave(root.dataset.left));
    document.getElementById("end").addEventListener("click", async () => {
        try { await call("End"); leave(root.dataset.ended); } catch (err) { say(err.message); }
    });
    window.addEventListener("pagehide", () => leave());

    async function start() {
        try {
            info = await call("Join");
        } catch (err) {
            say(err.message);
            return;
        }
        document.getElementById("meeting-title").textContent = info.title;
        if (info.externalUrl) {
            // Held on the department's own system: offer its link.
            const link = document.createElement("a");
            link.href = info.externalUrl;
            link.rel = "noopener";
            link.className = "btn btn-primary";
            link.id = "external-link";
            link.textContent = root.dataset.external;
            status.replaceChildren(link);
            return;
        }
        window.daftarMeeting.info = { room: info.room, participantId: info.participantId, mayPublish: info.mayPublish };
        Janus.init({
            debug: false,
            dependencies: Janus.useDefaultDependencies(),
            callback: () => {
                janus = new Janus({
                    server: info.janusPath,
                    token: info.janusToken,
                    iceServers: info.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })),
                    success: () => janus.attach({
                        plugin: "janus.plugin.videoroom",
                        success: (h) => {
                            pub = h;
                            h.send({ message: { request: "join", room: info.room, ptype: "publisher", display: info.display, id: info.participantId, token: info.roomToken } });
                        },
                        onmessage: onPublisherMessage,
                        onlocaltrack: (track, on) => {
                            if (!on || track.kind !== "video") return;
                            const v = tile("me", info.display);
                            v.srcObject = new MediaStream([track]);
                        },
                        error: (e) => say(`${e}`),
                    }),
                    error: (e) => { if (!left) say(`${e}`); },
                });
            },
        });
        setTimeout(poll, 2000);
    }
    window.addEventListener("load", start);
})();
