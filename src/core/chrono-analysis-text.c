/* chrono-analysis-text.c: what a record's words say, in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis reads each summary once, word by word, with a keyword table
 * and a few words of memory: whether a contact was in person or by phone,
 * whether the record says something was not passed on (and which agencies
 * that clause names), whether it tells of a breach, a sighting of someone or
 * a new address, and what risk it graded.  No text is kept or logged.
 */
#define G_LOG_DOMAIN "chrono-analysis"

#include "config.h"

#include <string.h>

#include "chrono-analysis-private.h"

/* Word classes. */
enum
{
  C_NEG       = 1 << 0,   /* not, never, nothing, didn't … */
  C_NO        = 1 << 1,
  C_DENIED    = 1 << 2,
  C_SHARE_V   = 1 << 3,   /* shared, passed, told, referred, replied … */
  C_SHARE_N   = 1 << 4,   /* referral, liaison, notification */
  C_AGENT     = 1 << 5,   /* (no) one, agency, professional */
  C_MODAL     = 1 << 6,   /* should, ought */
  C_HAVE      = 1 << 7,
  C_RECORD    = 1 << 8,
  C_IN_PERSON = 1 << 9,
  C_REMOTE    = 1 << 10,
  C_UNSUCC    = 1 << 11,
  C_BREACH    = 1 << 12,
  C_SIGHT     = 1 << 13,
  C_ADDRESS   = 1 << 14,
  C_SUPERV    = 1 << 15,
  C_ORDER     = 1 << 16,
  C_CONTACT   = 1 << 17,
  C_RISK      = 1 << 18,
  C_LEVEL     = 1 << 19,
  C_HEARD     = 1 << 20,  /* heard / discussed (at …) */
  C_BOUNDARY  = 1 << 21,  /* but */
  C_MENTION   = 1 << 22,  /* names an agency on its own */
};

/* Words that matter next to another word. */
enum
{
  T_NONE, T_FACE, T_TO, T_PERSON, T_IN, T_HOME, T_DID, T_ATTEND, T_CALL, T_OFF, T_ANSWER,
  T_REPLY, T_RESPONSE, T_AT, T_UNABLE, T_COULD, T_REACH, T_KEPT, T_TRYING, T_BUMPED, T_INTO,
  T_TURNED, T_UP, T_CAME, T_SEEN, T_NEAR, T_NEW, T_ADDRESS, T_CHANGE, T_OF, T_MOVED, T_BACK,
  T_FIXED, T_ABODE, T_COMMUNITY, T_ORDER, T_SUSPENDED, T_SENTENCE, T_SUPERVISION, T_CHILD,
  T_PROTECTION, T_PLAN, T_CP, T_RESTRAINING, T_NON, T_MOLESTATION, T_SOCIAL, T_CARE,
  T_SERVICES, T_CHILDRENS, T_OFFENDER, T_MANAGER, T_WOMENS, T_AID, T_VICTIM, T_SUPPORT,
  T_WITNESS, T_CROWN, T_PROSECUTION, T_EMERGENCY, T_DEPARTMENT, T_SCHOOL, T_NURSE, T_TEXT,
  T_MESSAGE, T_VIDEO, T_LINK, T_LEFT, T_HEALTH, T_VISITOR, T_NOTHING, T_HIGH, T_MEDIUM,
  T_LOW, T_FAILED, T_NOT, T_COURT, T_HOUSE,
};

typedef struct
{
  const char *word;
  guint32     cls;
  guint8      tag;
  guint8      group;
} Keyword;

static const Keyword keywords[] = {
  /* Negation. */
  { "not", C_NEG, T_NOT, 0 }, { "never", C_NEG, 0, 0 }, { "nothing", C_NEG, T_NOTHING, 0 },
  { "didnt", C_NEG, 0, 0 }, { "wasnt", C_NEG, 0, 0 }, { "werent", C_NEG, 0, 0 },
  { "hasnt", C_NEG, 0, 0 }, { "hadnt", C_NEG, 0, 0 }, { "havent", C_NEG, 0, 0 },
  { "cannot", C_NEG, 0, 0 }, { "couldnt", C_NEG, 0, 0 }, { "without", C_NEG, 0, 0 },
  { "neither", C_NEG, 0, 0 }, { "failed", C_NEG, T_FAILED, 0 }, { "no", C_NO, 0, 0 },
  { "denied", C_DENIED, 0, 0 }, { "denies", C_DENIED, 0, 0 }, { "deny", C_DENIED, 0, 0 },
  /* Passing information on. */
  { "share", C_SHARE_V, 0, 0 }, { "shared", C_SHARE_V, 0, 0 }, { "sharing", C_SHARE_V | C_SHARE_N, 0, 0 },
  { "pass", C_SHARE_V, 0, 0 }, { "passed", C_SHARE_V, 0, 0 }, { "passing", C_SHARE_V, 0, 0 },
  { "tell", C_SHARE_V, 0, 0 }, { "told", C_SHARE_V, 0, 0 }, { "telling", C_SHARE_V, 0, 0 },
  { "inform", C_SHARE_V, 0, 0 }, { "informed", C_SHARE_V, 0, 0 }, { "notify", C_SHARE_V, 0, 0 },
  { "notified", C_SHARE_V, 0, 0 }, { "refer", C_SHARE_V, 0, 0 }, { "referred", C_SHARE_V, 0, 0 },
  { "referring", C_SHARE_V, 0, 0 }, { "send", C_SHARE_V, 0, 0 }, { "sent", C_SHARE_V, 0, 0 },
  { "forward", C_SHARE_V, 0, 0 }, { "forwarded", C_SHARE_V, 0, 0 }, { "report", C_SHARE_V, 0, 0 },
  { "reported", C_SHARE_V, 0, 0 }, { "copied", C_SHARE_V, 0, 0 }, { "disclose", C_SHARE_V, 0, 0 },
  { "disclosed", C_SHARE_V, 0, 0 }, { "relayed", C_SHARE_V, 0, 0 }, { "escalate", C_SHARE_V, 0, 0 },
  { "escalated", C_SHARE_V, 0, 0 }, { "reply", C_SHARE_V, T_REPLY, 0 },
  { "replied", C_SHARE_V, 0, 0 }, { "respond", C_SHARE_V, 0, 0 }, { "responded", C_SHARE_V, 0, 0 },
  { "answer", C_SHARE_V, T_ANSWER, 0 }, { "answered", C_SHARE_V, 0, 0 },
  { "reach", C_SHARE_V | C_CONTACT, T_REACH, 0 }, { "reached", C_SHARE_V | C_CONTACT, 0, 0 },
  { "reaching", C_CONTACT, 0, 0 }, { "liaise", C_SHARE_V, 0, 0 }, { "liaised", C_SHARE_V, 0, 0 },
  { "alert", C_SHARE_V, 0, 0 }, { "alerted", C_SHARE_V, 0, 0 }, { "heard", C_HEARD, 0, 0 },
  { "discussed", C_HEARD, 0, 0 }, { "referral", C_SHARE_N, 0, 0 }, { "referrals", C_SHARE_N, 0, 0 },
  { "liaison", C_SHARE_N, 0, 0 }, { "notification", C_SHARE_N, 0, 0 },
  { "one", C_AGENT, 0, 0 }, { "agency", C_AGENT, 0, 0 }, { "agencies", C_AGENT, 0, 0 },
  { "professional", C_AGENT, 0, 0 }, { "professionals", C_AGENT, 0, 0 },
  { "should", C_MODAL, 0, 0 }, { "ought", C_MODAL, 0, 0 }, { "have", C_HAVE, 0, 0 },
  { "record", C_RECORD, 0, 0 }, { "records", C_RECORD, 0, 0 },
  /* How a contact happened. */
  { "visit", C_IN_PERSON, 0, 0 }, { "visits", C_IN_PERSON, 0, 0 },
  { "visited", C_IN_PERSON | C_CONTACT, 0, 0 }, { "visiting", C_IN_PERSON, 0, 0 },
  { "saw", C_IN_PERSON | C_CONTACT, 0, 0 }, { "seen", C_IN_PERSON, T_SEEN, 0 },
  { "met", C_IN_PERSON | C_CONTACT, 0, 0 }, { "attended", C_IN_PERSON, 0, 0 },
  { "interview", C_IN_PERSON, 0, 0 }, { "interviewed", C_IN_PERSON, 0, 0 },
  { "session", C_IN_PERSON, 0, 0 }, { "appointment", C_IN_PERSON, 0, 0 },
  { "office", C_IN_PERSON, 0, 0 }, { "face", 0, T_FACE, 0 }, { "person", 0, T_PERSON, 0 },
  { "phone", C_REMOTE, 0, 0 }, { "phoned", C_REMOTE | C_CONTACT, 0, 0 },
  { "phoning", C_REMOTE, 0, 0 }, { "phones", C_REMOTE, 0, 0 }, { "rang", C_REMOTE, 0, 0 },
  { "ring", C_REMOTE, 0, 0 }, { "telephone", C_REMOTE, 0, 0 }, { "telephoned", C_REMOTE, 0, 0 },
  { "called", C_REMOTE, T_CALL, 0 }, { "call", C_REMOTE, T_CALL, 0 }, { "calls", C_REMOTE, 0, 0 },
  { "email", C_REMOTE, 0, 0 }, { "emailed", C_REMOTE, 0, 0 }, { "emails", C_REMOTE, 0, 0 },
  { "emailing", C_REMOTE, 0, 0 }, { "letter", C_REMOTE, 0, 0 }, { "letters", C_REMOTE, 0, 0 },
  { "wrote", C_REMOTE, 0, 0 }, { "texted", C_REMOTE | C_CONTACT, 0, 0 }, { "text", 0, T_TEXT, 0 },
  { "message", C_REMOTE, T_MESSAGE, 0 }, { "messages", C_REMOTE, 0, 0 },
  { "messaged", C_REMOTE | C_CONTACT, 0, 0 }, { "voicemail", C_REMOTE, 0, 0 },
  { "answerphone", C_REMOTE, 0, 0 }, { "helpline", C_REMOTE, 0, 0 }, { "video", 0, T_VIDEO, 0 },
  { "link", 0, T_LINK, 0 }, { "left", 0, T_LEFT, 0 },
  { "cancelled", C_UNSUCC, 0, 0 }, { "canceled", C_UNSUCC, 0, 0 }, { "dna", C_UNSUCC, 0, 0 },
  { "unanswered", C_UNSUCC, 0, 0 }, { "did", 0, T_DID, 0 }, { "attend", 0, T_ATTEND, 0 },
  { "off", 0, T_OFF, 0 }, { "response", 0, T_RESPONSE, 0 }, { "at", 0, T_AT, 0 },
  { "unable", 0, T_UNABLE, 0 }, { "could", 0, T_COULD, 0 }, { "kept", 0, T_KEPT, 0 },
  { "trying", 0, T_TRYING, 0 }, { "to", 0, T_TO, 0 }, { "in", 0, T_IN, 0 },
  { "home", 0, T_HOME, 0 },
  /* Risk information. */
  { "breach", C_BREACH, 0, 0 }, { "breached", C_BREACH, 0, 0 }, { "breaching", C_BREACH, 0, 0 },
  { "breaches", C_BREACH, 0, 0 }, { "spotted", C_SIGHT, 0, 0 }, { "sighted", C_SIGHT, 0, 0 },
  { "sighting", C_SIGHT, 0, 0 }, { "sightings", C_SIGHT, 0, 0 },
  { "approached", C_SIGHT | C_CONTACT, 0, 0 }, { "bumped", C_CONTACT, T_BUMPED, 0 },
  { "into", 0, T_INTO, 0 }, { "turned", 0, T_TURNED, 0 }, { "up", 0, T_UP, 0 },
  { "came", 0, T_CAME, 0 }, { "near", 0, T_NEAR, 0 }, { "outside", 0, T_NEAR, 0 },
  { "with", 0, T_NEAR, 0 }, { "around", 0, T_NEAR, 0 },
  { "homeless", C_ADDRESS, 0, 0 }, { "rehoused", C_ADDRESS, 0, 0 }, { "tenancy", C_ADDRESS, 0, 0 },
  { "relocated", C_ADDRESS, 0, 0 }, { "new", 0, T_NEW, 0 }, { "address", 0, T_ADDRESS, 0 },
  { "flat", 0, T_HOUSE, 0 }, { "house", 0, T_HOUSE, 0 }, { "change", 0, T_CHANGE, 0 },
  { "changed", 0, T_CHANGE, 0 }, { "of", 0, T_OF, 0 }, { "moved", 0, T_MOVED, 0 },
  { "moving", 0, T_MOVED, 0 }, { "back", 0, T_BACK, 0 }, { "away", 0, T_BACK, 0 },
  { "fixed", 0, T_FIXED, 0 }, { "abode", 0, T_ABODE, 0 },
  { "licence", C_SUPERV, 0, 0 }, { "license", C_SUPERV, 0, 0 },
  { "community", 0, T_COMMUNITY, 0 }, { "order", 0, T_ORDER, 0 }, { "suspended", 0, T_SUSPENDED, 0 },
  { "sentence", 0, T_SENTENCE, 0 }, { "supervision", 0, T_SUPERVISION, 0 },
  { "child", 0, T_CHILD, 0 }, { "protection", 0, T_PROTECTION, 0 }, { "plan", 0, T_PLAN, 0 },
  { "cp", 0, T_CP, 0 }, { "restraining", 0, T_RESTRAINING, 0 }, { "non", 0, T_NON, 0 },
  { "molestation", C_ORDER, T_MOLESTATION, 0 }, { "injunction", C_ORDER, 0, 0 },
  { "contact", C_CONTACT, 0, 0 }, { "contacted", C_CONTACT, 0, 0 },
  { "contacting", C_CONTACT, 0, 0 }, { "seeing", C_CONTACT, 0, 0 }, { "stayed", C_CONTACT, 0, 0 },
  { "facebook", C_CONTACT, 0, 0 }, { "together", C_CONTACT, 0, 0 },
  { "risk", C_RISK, 0, 0 }, { "risks", C_RISK, 0, 0 }, { "high", C_LEVEL, T_HIGH, 0 },
  { "medium", C_LEVEL, T_MEDIUM, 0 }, { "low", C_LEVEL, T_LOW, 0 },
  { "standard", C_LEVEL, T_LOW, 0 }, { "but", C_BOUNDARY, 0, 0 },
  /* Agencies, on their own or in pairs. */
  { "police", C_MENTION, 0, AN_GROUP_POLICE }, { "dasu", C_MENTION, 0, AN_GROUP_POLICE },
  { "dpmu", C_MENTION, 0, AN_GROUP_POLICE }, { "ppu", C_MENTION, 0, AN_GROUP_POLICE },
  { "cid", C_MENTION, 0, AN_GROUP_POLICE }, { "constabulary", C_MENTION, 0, AN_GROUP_POLICE },
  { "csc", C_MENTION, 0, AN_GROUP_CSC }, { "mash", C_MENTION, 0, AN_GROUP_CSC },
  { "sw", C_MENTION, 0, AN_GROUP_CSC }, { "social", 0, T_SOCIAL, 0 }, { "care", 0, T_CARE, 0 },
  { "services", 0, T_SERVICES, 0 }, { "worker", 0, T_SERVICES, 0 },
  { "workers", 0, T_SERVICES, 0 }, { "childrens", 0, T_CHILDRENS, 0 },
  { "probation", C_MENTION, 0, AN_GROUP_PROBATION }, { "crc", C_MENTION, 0, AN_GROUP_PROBATION },
  { "nps", C_MENTION, 0, AN_GROUP_PROBATION }, { "om", C_MENTION, 0, AN_GROUP_PROBATION },
  { "offender", 0, T_OFFENDER, 0 }, { "manager", 0, T_MANAGER, 0 },
  { "health", C_MENTION, T_HEALTH, AN_GROUP_HEALTH }, { "nhs", C_MENTION, 0, AN_GROUP_HEALTH },
  { "gp", C_MENTION, 0, AN_GROUP_HEALTH }, { "hospital", C_MENTION, 0, AN_GROUP_HEALTH },
  { "midwife", C_MENTION, 0, AN_GROUP_HEALTH }, { "midwifery", C_MENTION, 0, AN_GROUP_HEALTH },
  { "cmht", C_MENTION, 0, AN_GROUP_HEALTH }, { "hv", C_MENTION, 0, AN_GROUP_HEALTH },
  { "paramedics", C_MENTION, 0, AN_GROUP_HEALTH }, { "visitor", 0, T_VISITOR, 0 },
  { "emergency", 0, T_EMERGENCY, 0 }, { "department", 0, T_DEPARTMENT, 0 },
  { "nurse", 0, T_NURSE, 0 }, { "nurses", 0, T_NURSE, 0 },
  { "womens", 0, T_WOMENS, 0 }, { "aid", 0, T_AID, 0 },
  { "idva", C_MENTION, 0, AN_GROUP_DA_SERVICE }, { "refuge", C_MENTION, 0, AN_GROUP_DA_SERVICE },
  { "victim", 0, T_VICTIM, 0 }, { "support", 0, T_SUPPORT, 0 },
  { "housing", C_MENTION, 0, AN_GROUP_HOUSING }, { "landlord", C_MENTION, 0, AN_GROUP_HOUSING },
  { "school", 0, T_SCHOOL, 0 }, { "teacher", C_MENTION, 0, AN_GROUP_EDUCATION },
  { "education", C_MENTION, 0, AN_GROUP_EDUCATION }, { "nursery", C_MENTION, 0, AN_GROUP_EDUCATION },
  { "college", C_MENTION, 0, AN_GROUP_EDUCATION }, { "court", C_MENTION, T_COURT, AN_GROUP_COURTS },
  { "courts", C_MENTION, 0, AN_GROUP_COURTS }, { "magistrates", C_MENTION, 0, AN_GROUP_COURTS },
  { "cps", C_MENTION, 0, AN_GROUP_CPS }, { "crown", 0, T_CROWN, 0 },
  { "prosecution", 0, T_PROSECUTION, 0 }, { "prison", C_MENTION, 0, AN_GROUP_PRISONS },
  { "prisons", C_MENTION, 0, AN_GROUP_PRISONS }, { "hmp", C_MENTION, 0, AN_GROUP_PRISONS },
  { "marac", C_MENTION, 0, AN_GROUP_MARAC }, { "mappa", C_MENTION, 0, AN_GROUP_MAPPA },
  { "witness", 0, T_WITNESS, 0 },
};

#define TABLE_SIZE 2048
#define MAX_WORD   24

typedef struct
{
  guint32        hash;
  guint32        len;
  const Keyword *kw;
} Slot;

static Slot table[TABLE_SIZE];

static inline guint32
hash_word (const char *w,
           gsize       len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) w[i]) * 16777619u;
  return h;
}

static gpointer
build_table (gpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      gsize len = strlen (keywords[i].word);
      guint32 h = hash_word (keywords[i].word, len);
      guint s = h & (TABLE_SIZE - 1);

      while (table[s].kw != NULL)
        s = (s + 1) & (TABLE_SIZE - 1);
      table[s].hash = h;
      table[s].len = (guint32) len;
      table[s].kw = &keywords[i];
    }
  return NULL;
}

static inline const Keyword *
lookup_hashed (const char *w,
               gsize       len,
               guint32     h)
{
  guint s = h & (TABLE_SIZE - 1);

  while (table[s].kw != NULL)
    {
      if (table[s].hash == h && table[s].len == len && memcmp (table[s].kw->word, w, len) == 0)
        return table[s].kw;
      s = (s + 1) & (TABLE_SIZE - 1);
    }
  return NULL;
}

static inline const Keyword *
lookup (const char *w,
        gsize       len)
{
  return lookup_hashed (w, len, hash_word (w, len));
}

#define FAR (-1000)

typedef struct
{
  AnText  *out;
  int      pos;            /* word number in the clause */
  guint8   prev1, prev2;   /* tags of the two words before */
  guint32  prev_cls;
  int      neg, no, denied, modal, have, record, no_agent;
  int      risk, level_pos;
  guint8   level;
  int      heard;          /* "not … heard" waiting for "at" */
  int      school;         /* "school" waiting to see if "nurse" follows */
  gboolean not_shared;
  gboolean negative;       /* the clause denies something */
  guint32  mentions;
} State;

static void
end_clause (State *st)
{
  if (st->school == st->pos - 1 && st->pos > 0)
    st->mentions |= 1u << AN_GROUP_EDUCATION;
  if (st->not_shared)
    {
      st->out->flags |= AN_TEXT_NOT_SHARED;
      st->out->neg_mentions |= st->mentions;
    }
  else if (!st->negative)
    st->out->mentions |= st->mentions;

  st->pos = 0;
  st->prev1 = st->prev2 = T_NONE;
  st->prev_cls = 0;
  st->neg = st->no = st->denied = st->modal = st->have = st->record = st->no_agent = FAR;
  st->risk = st->level_pos = st->heard = st->school = FAR;
  st->not_shared = FALSE;
  st->negative = FALSE;
  st->mentions = 0;
}

static void
set_level (State *st,
           guint8 tag)
{
  guint32 flag = tag == T_HIGH ? AN_TEXT_RISK_HIGH : tag == T_MEDIUM ? AN_TEXT_RISK_MEDIUM
                                                                     : AN_TEXT_RISK_LOW;
  st->out->flags |= flag;
}

static void
other_word (State *st)
{
  if (st->school == st->pos - 1)
    st->mentions |= 1u << AN_GROUP_EDUCATION;
  st->prev2 = st->prev1;
  st->prev1 = T_NONE;
  st->prev_cls = 0;
  st->pos++;
}

static void
word (State         *st,
      const Keyword *kw)
{
  guint32 cls = kw->cls;
  guint8 tag = kw->tag;
  guint8 prev1 = st->prev1, prev2 = st->prev2;
  int p = st->pos;
  guint32 *flags = &st->out->flags;

  /* A "school" not followed by "nurse" names the school. */
  if (st->school == p - 1 && tag != T_NURSE)
    st->mentions |= 1u << AN_GROUP_EDUCATION;

  if (cls != 0)
    {
      gboolean negated2 = (p - st->neg <= 2) || (p - st->no <= 2) || (p - st->denied <= 2);
      gboolean negated3 = (p - st->neg <= 3) || (p - st->no <= 3) || (p - st->denied <= 3);

      if (cls & C_BOUNDARY)
        {
          end_clause (st);
          return;
        }

      /* Something not passed on. */
      if ((cls & C_SHARE_V) &&
          (p - st->neg <= 3 || p - st->no_agent <= 2 || p - st->have <= 2 || p - st->record <= 7))
        st->not_shared = TRUE;
      if ((cls & C_SHARE_N) && (p - st->no <= 4 || p - st->record <= 7))
        st->not_shared = TRUE;
      if ((cls & C_HEARD) && p - st->neg <= 3)
        st->heard = p;
      if ((cls & C_AGENT) && st->no == p - 1)
        st->no_agent = p;
      if (cls & C_MODAL)
        st->modal = p;
      if ((cls & C_HAVE) && p - st->modal <= 2)
        st->have = p;
      if ((cls & C_RECORD) && st->no == p - 1)
        st->record = p;

      /* How a contact happened; risk information. */
      if ((cls & C_IN_PERSON) && !negated2)
        *flags |= AN_TEXT_IN_PERSON;
      if (cls & C_REMOTE)
        *flags |= AN_TEXT_REMOTE;
      if (cls & C_UNSUCC)
        *flags |= AN_TEXT_UNSUCCESSFUL;
      if ((cls & C_CONTACT) && prev1 == T_TO && prev2 == T_UNABLE)
        *flags |= AN_TEXT_UNSUCCESSFUL;
      if ((cls & C_CONTACT) && prev1 == T_NOT && prev2 == T_COULD)
        *flags |= AN_TEXT_UNSUCCESSFUL;
      if (cls & C_BREACH)
        *flags |= AN_TEXT_BREACH;
      if (cls & C_SIGHT)
        *flags |= AN_TEXT_SIGHTING;
      if (cls & C_ADDRESS)
        *flags |= AN_TEXT_ADDRESS;
      if (cls & C_SUPERV)
        *flags |= AN_TEXT_SUPERVISION;
      if (cls & C_ORDER)
        *flags |= AN_TEXT_ORDER;
      if ((cls & C_CONTACT) && !negated3)
        *flags |= AN_TEXT_CONTACT;
      if (cls & C_RISK)
        {
          st->risk = p;
          if (p - st->level_pos <= 2)
            set_level (st, st->level);
        }
      if (cls & C_LEVEL)
        {
          st->level_pos = p;
          st->level = tag;
          if (p - st->risk <= 3)
            set_level (st, tag);
        }
      if (cls & C_MENTION)
        st->mentions |= 1u << kw->group;
      if (cls & C_NEG)
        {
          st->neg = p;
          st->negative = TRUE;
        }
      if (cls & C_NO)
        {
          st->no = p;
          st->negative = TRUE;
        }
      if (cls & C_DENIED)
        {
          st->denied = p;
          st->negative = TRUE;
        }
    }

  /* Words that matter next to others. */
  switch (tag)
    {
    case T_AT:
      if (st->heard == p - 1)
        st->not_shared = TRUE;
      if (prev1 == T_SEEN && p - st->neg > 3 && p - st->no > 3 && p - st->denied > 3)
        *flags |= AN_TEXT_SIGHTING;
      break;
    case T_IN:
    case T_NEAR:
      if (prev1 == T_SEEN && p - st->neg > 3 && p - st->no > 3 && p - st->denied > 3)
        *flags |= AN_TEXT_SIGHTING;
      if (tag == T_IN && prev1 == T_MOVED && p - st->neg > 2 && p - st->no > 2 && p - st->denied > 2)
        *flags |= AN_TEXT_ADDRESS;
      break;
    case T_NOTHING:
      if (st->prev_cls & C_SHARE_V)
        st->not_shared = TRUE;
      break;
    case T_FACE:
      if (prev1 == T_TO && prev2 == T_FACE)
        *flags |= AN_TEXT_IN_PERSON;
      break;
    case T_PERSON:
      if (prev1 == T_IN)
        *flags |= AN_TEXT_IN_PERSON;
      break;
    case T_MESSAGE:
      if (prev1 == T_TEXT || prev1 == T_LEFT)
        *flags |= AN_TEXT_REMOTE;
      break;
    case T_LINK:
      if (prev1 == T_VIDEO)
        *flags |= AN_TEXT_REMOTE;
      break;
    case T_ATTEND:
      if ((prev1 == T_NOT && prev2 == T_DID) || (prev1 == T_TO && prev2 == T_FAILED))
        *flags |= AN_TEXT_UNSUCCESSFUL;
      break;
    case T_OFF:
      if (prev1 == T_CALL)
        *flags |= AN_TEXT_UNSUCCESSFUL;
      break;
    case T_ANSWER:
    case T_REPLY:
    case T_RESPONSE:
      if (st->no == p - 1)
        *flags |= AN_TEXT_UNSUCCESSFUL;
      break;
    case T_HOME:
      if (prev1 == T_AT && prev2 == T_NOT)
        *flags |= AN_TEXT_UNSUCCESSFUL;
      if (prev1 == T_NEW)
        *flags |= AN_TEXT_ADDRESS;
      break;
    case T_REACH:
      if (prev1 == T_TO && prev2 == T_UNABLE)
        *flags |= AN_TEXT_UNSUCCESSFUL;
      break;
    case T_TRYING:
      if (prev1 == T_KEPT)
        *flags |= AN_TEXT_UNSUCCESSFUL;
      break;
    case T_INTO:
      if (prev1 == T_BUMPED)
        *flags |= AN_TEXT_SIGHTING;
      if (prev1 == T_MOVED && p - st->neg > 2 && p - st->no > 2 && p - st->denied > 2)
        *flags |= AN_TEXT_ADDRESS;
      break;
    case T_UP:
      if (prev1 == T_TURNED || prev1 == T_CAME)
        *flags |= AN_TEXT_SIGHTING;
      break;
    case T_TO:
    case T_BACK:
      if (prev1 == T_MOVED && p - st->neg > 2 && p - st->no > 2 && p - st->denied > 2)
        *flags |= AN_TEXT_ADDRESS;
      break;
    case T_ADDRESS:
      if (prev1 == T_NEW || prev1 == T_CHANGE || (prev1 == T_OF && prev2 == T_CHANGE))
        *flags |= AN_TEXT_ADDRESS;
      break;
    case T_HOUSE:
      if (prev1 == T_NEW)
        *flags |= AN_TEXT_ADDRESS;
      break;
    case T_ABODE:
      if (prev1 == T_FIXED)
        *flags |= AN_TEXT_ADDRESS;
      break;
    case T_ORDER:
      if (prev1 == T_COMMUNITY || prev1 == T_SUPERVISION)
        *flags |= AN_TEXT_SUPERVISION;
      if (prev1 == T_RESTRAINING)
        *flags |= AN_TEXT_ORDER;
      break;
    case T_SENTENCE:
      if (prev1 == T_SUSPENDED)
        *flags |= AN_TEXT_SUPERVISION;
      break;
    case T_PROTECTION:
      if (prev1 == T_CHILD)
        *flags |= AN_TEXT_CP_PLAN;
      break;
    case T_PLAN:
      if (prev1 == T_CP || prev1 == T_PROTECTION)
        *flags |= AN_TEXT_CP_PLAN;
      break;
    case T_CARE:
    case T_SERVICES:
      if (prev1 == T_SOCIAL || prev1 == T_CHILDRENS)
        st->mentions |= 1u << AN_GROUP_CSC;
      if (tag == T_CARE && prev1 == T_WITNESS)
        st->mentions |= 1u << AN_GROUP_POLICE;
      break;
    case T_MANAGER:
      if (prev1 == T_OFFENDER)
        st->mentions |= 1u << AN_GROUP_PROBATION;
      break;
    case T_VISITOR:
    case T_NURSE:
      st->mentions |= 1u << AN_GROUP_HEALTH;
      break;
    case T_DEPARTMENT:
      if (prev1 == T_EMERGENCY)
        st->mentions |= 1u << AN_GROUP_HEALTH;
      break;
    case T_AID:
      if (prev1 == T_WOMENS)
        st->mentions |= 1u << AN_GROUP_DA_SERVICE;
      break;
    case T_SUPPORT:
      if (prev1 == T_VICTIM)
        st->mentions |= 1u << AN_GROUP_VICTIM_SUPPORT;
      break;
    case T_PROSECUTION:
      if (prev1 == T_CROWN)
        st->mentions |= 1u << AN_GROUP_CPS;
      break;
    case T_SCHOOL:
      st->school = p;
      break;
    default:
      break;
    }

  st->prev2 = prev1;
  st->prev1 = tag;
  st->prev_cls = cls;
  st->pos++;
}

/* Lower-case letters and digits; 0 for separators; 1 for bytes of other
 * scripts (part of a word, never of a keyword). */
static guint8 word_char[256];

static gpointer
build_tables (gpointer data)
{
  build_table (NULL);
  for (guint c = 0; c < 256; c++)
    word_char[c] = g_ascii_isalnum (c) ? (guint8) g_ascii_tolower (c) : c >= 0x80 ? 1 : 0;
  return NULL;
}

void
_chrono_analysis_scan_text (const char *text,
                            gsize       len,
                            AnText     *out)
{
  static GOnce once = G_ONCE_INIT;
  const guchar *p = (const guchar *) text;
  char buf[MAX_WORD + 1];
  gsize wlen = 0, apostrophe = G_MAXSIZE;
  guint32 h = 2166136261u;
  gboolean too_long = FALSE, foreign = FALSE;
  State st;

  g_once (&once, build_tables, NULL);

  memset (out, 0, sizeof *out);
  memset (&st, 0, sizeof st);
  st.out = out;
  end_clause (&st);

  for (gsize i = 0; i <= len; i++)
    {
      guchar c = i < len ? p[i] : '\0';
      guint8 w = word_char[c];

      if (w > 1)
        {
          if (wlen < MAX_WORD)
            buf[wlen++] = (char) w;
          else
            too_long = TRUE;
          h = (h ^ w) * 16777619u;
          continue;
        }
      /* Apostrophes join a word ("Women's", "didn't"): ASCII and U+2019. */
      if (c == '\'')
        {
          apostrophe = wlen;
          continue;
        }
      if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80 && (p[i + 2] == 0x99 || p[i + 2] == 0x98))
        {
          apostrophe = wlen;
          i += 2;
          continue;
        }
      if (w == 1)
        {
          foreign = TRUE;
          if (wlen < MAX_WORD)
            buf[wlen++] = (char) c;
          continue;
        }
      if (wlen > 0)
        {
          const Keyword *kw = too_long || foreign ? NULL : lookup_hashed (buf, wlen, h);

          /* "Support's" is "support"; "Women's" is listed as "womens". */
          if (kw == NULL && !too_long && !foreign && apostrophe == wlen - 1 && buf[wlen - 1] == 's')
            kw = lookup (buf, wlen - 1);
          if (kw != NULL)
            word (&st, kw);
          else
            other_word (&st);
          wlen = 0;
          h = 2166136261u;
          apostrophe = G_MAXSIZE;
          too_long = foreign = FALSE;
        }
      if (c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n' || c == '(' ||
          c == ')' || c == '\0')
        end_clause (&st);
    }
}
