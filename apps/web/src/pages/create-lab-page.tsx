import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { account } from '../api/auth';
import { labCommands } from '../api/labs';
import { ErrorAlert } from '../components/feedback';
import { TextAreaField, TextField } from '../components/form-fields';
import { PageHeading } from '../components/page-heading';
import { useUser } from '../components/session';
import { TimezoneField } from '../components/timezone-field';
import { fieldId } from '../lib/field-errors';
import { browserTimezone } from '../lib/lab-time';
import { slugify } from '../lib/slug';
import { useFormSubmit } from '../lib/use-form-submit';
import buttonStyles from '../components/button.module.css';
import cardStyles from '../components/card.module.css';
import pageLayout from '../components/page-layout.module.css';
import textStyles from '../components/text.module.css';

const FIELDS = ['title', 'slug', 'theme', 'timezone', 'description'] as const;
const id = (field: string) => fieldId('new-lab', field);

export function CreateLabPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [theme, setTheme] = useState('');
  const [timezone, setTimezone] = useState(browserTimezone);
  const [description, setDescription] = useState('');
  const form = useFormSubmit(FIELDS);

  if (!user.isAdmin) return <Navigate to="/labs" replace />;

  const onSubmit = form.handleSubmit(async () => {
    const lab = await labCommands.create({
      title: title.trim(),
      slug: slug.trim(),
      theme: theme.trim(),
      timezone: timezone.trim(),
      description: description.trim(),
    });
    // The creator's memberships may have changed; the lab list reads them from /me.
    await account.refreshMe().catch(() => undefined);
    await navigate(`/labs/${lab.id}/people`, { state: { created: true } });
  });

  return (
    <section className={pageLayout.narrow}>
      <PageHeading title="Create a lab" />
      <p className={textStyles.lede}>
        Start with the essentials; the lab's organisers fill in dates, taxonomy and funding.
      </p>
      <ErrorAlert alert={form.alert} />
      <form
        id={form.formId}
        onSubmit={onSubmit}
        noValidate
        className={`${cardStyles.card} ${pageLayout.stack}`}
      >
        <TextField
          id={id('title')}
          label="Title"
          required
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
          error={form.fieldErrors.title}
        />
        <TextField
          id={id('slug')}
          label="Web address (slug)"
          hint="Lower-case letters, digits and dashes. The public call page will be at /call/<slug>."
          required
          spellCheck={false}
          value={slug}
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugEdited(true);
          }}
          error={form.fieldErrors.slug}
        />
        <TextField
          id={id('theme')}
          label="Theme"
          value={theme}
          onChange={(e) => setTheme(e.target.value)}
          error={form.fieldErrors.theme}
        />
        <TimezoneField
          id={id('timezone')}
          value={timezone}
          onChange={setTimezone}
          error={form.fieldErrors.timezone}
        />
        <TextAreaField
          id={id('description')}
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={form.fieldErrors.description}
        />
        <button type="submit" className={buttonStyles.button} disabled={form.busy}>
          {form.busy ? 'Creating…' : 'Create lab'}
        </button>
      </form>
    </section>
  );
}
