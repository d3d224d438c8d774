import { Link } from 'react-router-dom';
import { PageHeading } from '../components/page-heading';

export function NotFoundPage() {
  return (
    <section className="narrow">
      <PageHeading title="Page not found" />
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  );
}
